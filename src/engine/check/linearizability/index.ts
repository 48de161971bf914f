/** The linearizability checker: histories, models, the search, its naive twin and the parsers. */
export type {
  AppendOperation,
  CasOperation,
  GetOperation,
  LabHistory,
  ModelName,
  Operation,
  OperationKind,
  Outcome,
  PutOperation,
  ReadOperation,
  RegisterValue,
  WriteOperation,
} from './history';
export { describeOperation, formatLabHistory, kvKinds, labHistory, registerKinds } from './history';
export type { Model, Partition, StepResult } from './models';
export { keyedModel, kvModel, modelByName, partitionByKey, registerModel } from './models';
export type { CheckOptions, CheckResult, PartitionLinearization, Verdict } from './checker';
export { check, InvalidHistoryError } from './checker';
export { isLinearizableNaive, isWitness, naiveMaxOperations } from './naive';
export type { HistoryFormat, ParsedHistory } from './parse';
export { defaultModelOf, detectFormat, historyFormats, parseEdnHistory, parseHistory, parseJepsenLog, parseLabHistory } from './parse';
export { HistoryParseError } from './parseError';
