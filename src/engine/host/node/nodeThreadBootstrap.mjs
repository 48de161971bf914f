// Worker threads do not inherit the parent's TypeScript loader: register tsx
// in this thread, then load the real worker module.
import { register } from 'tsx/esm/api';

register();
await import('./nodeThread.ts');
