export { statesService, type StatesApi } from './service';
export type { Execution } from './executions';
export type { StateRun } from './history';
