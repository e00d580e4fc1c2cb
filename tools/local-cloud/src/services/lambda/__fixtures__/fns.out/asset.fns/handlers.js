// Test functions for the Lambda service's tests (a stand-in for a built bundle).
'use strict';
const fs = require('node:fs');
let invocations = 0;
const loadedAt = Date.now();

exports.echo = async (event, context) => {
  invocations++;
  console.log('echo called', JSON.stringify(event));
  process.stdout.write(JSON.stringify({ level: 'INFO', message: 'powertools-style line', service: 'test' }) + '\n');
  return {
    event,
    invocations,
    loadedAt,
    requestId: context.awsRequestId,
    remaining: context.getRemainingTimeInMillis(),
    functionName: context.functionName,
    env: {
      AWS_ENDPOINT_URL: process.env.AWS_ENDPOINT_URL,
      AWS_LAMBDA_FUNCTION_NAME: process.env.AWS_LAMBDA_FUNCTION_NAME,
      AWS_REGION: process.env.AWS_REGION,
      TABLE_NAME: process.env.TABLE_NAME,
      OVERLAID: process.env.OVERLAID,
      NODE_OPTIONS: process.env.NODE_OPTIONS,
      TRACE: process.env._X_AMZN_TRACE_ID,
    },
    cwd: process.cwd(),
  };
};

exports.fail = async (event) => {
  if (event.record) fs.appendFileSync(event.record, JSON.stringify({ attempt: Date.now() }) + '\n');
  const err = new Error(`failed on purpose: ${event.why || 'no reason'}`);
  err.name = 'PurposefulError';
  throw err;
};

exports.slow = async (event) => {
  await new Promise((r) => setTimeout(r, event.ms || 10000));
  return 'done';
};

exports.crash = async () => {
  process.exit(3);
};

exports.callback = (event, context, callback) => {
  setTimeout(() => callback(null, { viaCallback: event.n }), 5);
};

// Appends every event it receives to the file named in RECORD_FILE (a destination for tests).
exports.recorder = async (event) => {
  fs.appendFileSync(process.env.RECORD_FILE, JSON.stringify(event) + '\n');
  return 'recorded';
};
