export { lambdaService, type LambdaApi } from './service';
export { parseFunctionName, type FunctionConfig } from './function-config';
export { readOverrides, overlayFor, type Overrides } from './overrides';
