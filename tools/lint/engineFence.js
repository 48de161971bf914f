// Lint rules that keep src/engine deterministic: a run is a pure function of
// (config, seed, action log), so the engine may not read ambient time or
// randomness. Imported by .oxlintrc.json as a JS plugin.
const forbiddenMembers = new Map([
  ['Math', new Set(['random'])],
  ['crypto', null],
  ['performance', null],
  ['Date', null],
]);

const noAmbientTimeOrRandom = {
  meta: {
    type: 'problem',
    docs: { description: 'forbid Math.random, Date, performance, crypto and timers in the engine' },
  },
  create(context) {
    const report = (node, what) =>
      context.report({
        node,
        message: `${what} is not allowed in src/engine: use virtual time (ctx.nowUs) and the seeded PRNG streams instead.`,
      });
    return {
      MemberExpression(node) {
        if (node.object.type !== 'Identifier') return;
        const name = node.object.name;
        if (!forbiddenMembers.has(name)) return;
        const props = forbiddenMembers.get(name);
        const prop = node.property.type === 'Identifier' ? node.property.name : null;
        if (props === null || (prop !== null && props.has(prop))) report(node, `${name}${prop ? '.' + prop : ''}`);
      },
      NewExpression(node) {
        if (node.callee.type === 'Identifier' && node.callee.name === 'Date') report(node, 'new Date()');
      },
      CallExpression(node) {
        const callee = node.callee;
        if (callee.type !== 'Identifier') return;
        if (['setTimeout', 'setInterval', 'setImmediate', 'requestAnimationFrame', 'queueMicrotask'].includes(callee.name)) {
          report(node, callee.name);
        }
      },
    };
  },
};

export default {
  meta: { name: 'engine-fence' },
  rules: { 'no-ambient-time-or-random': noAmbientTimeOrRandom },
};
