// The local Lambda runtime: one child process per execution environment, as Lambda
// runs one per sandbox. It loads the function's built bundle (CommonJS) from its
// asset folder, then runs one invocation at a time on request from the parent over
// the IPC channel. Console output goes to stdout/stderr (the parent ships it to the
// function's log group); with the JSON log format, console calls are written as
// Lambda's JSON log records.
'use strict';

const path = require('node:path');
const util = require('node:util');

let handler;
let current; // { requestId, deadline }
const jsonLogs = process.env.AWS_LAMBDA_LOG_FORMAT === 'JSON';

function errorRecord(err) {
  if (err instanceof Error) {
    return {
      errorType: err.name || 'Error',
      errorMessage: err.message,
      trace: String(err.stack || '').split('\n'),
    };
  }
  return { errorType: typeof err, errorMessage: typeof err === 'string' ? err : JSON.stringify(err), trace: [] };
}

// Lambda's console: a record per call, with the request id.
function patchConsole() {
  const levels = { log: 'INFO', info: 'INFO', warn: 'WARN', error: 'ERROR', debug: 'DEBUG', trace: 'TRACE' };
  for (const [method, level] of Object.entries(levels)) {
    const stream = level === 'ERROR' || level === 'WARN' ? process.stderr : process.stdout;
    console[method] = (...args) => {
      const message = util.format(...args);
      const requestId = current ? current.requestId : undefined;
      if (jsonLogs) {
        stream.write(`${JSON.stringify({ timestamp: new Date().toISOString(), level, requestId, message })}\n`);
      } else {
        stream.write(`${new Date().toISOString()}\t${requestId || 'undefined'}\t${level}\t${message.replace(/\n/g, '\r')}\n`);
      }
    };
  }
}

function send(message) {
  if (process.connected) process.send(message);
}

function init(message) {
  const started = performance.now();
  try {
    const [file, ...rest] = message.handler.split('.');
    const exportName = rest.join('.');
    const mod = require(path.resolve(message.taskRoot, file));
    const fn = exportName.split('.').reduce((o, k) => (o == null ? undefined : o[k]), mod);
    if (typeof fn !== 'function') {
      throw Object.assign(new Error(`${file}.${exportName} is undefined or not exported`), { name: 'Runtime.HandlerNotFound' });
    }
    handler = fn;
    send({ type: 'ready', initMs: performance.now() - started });
  } catch (err) {
    const record = errorRecord(err);
    if (err && err.code === 'MODULE_NOT_FOUND') record.errorType = 'Runtime.ImportModuleError';
    send({ type: 'init-error', error: record, initMs: performance.now() - started });
  }
}

async function invoke(message) {
  const { id, event, context: ctx } = message;
  current = { requestId: ctx.awsRequestId, deadline: ctx.deadline };
  process.env._X_AMZN_TRACE_ID = message.traceId;
  const context = {
    callbackWaitsForEmptyEventLoop: true,
    functionName: ctx.functionName,
    functionVersion: ctx.functionVersion,
    invokedFunctionArn: ctx.invokedFunctionArn,
    memoryLimitInMB: String(ctx.memoryLimitInMB),
    awsRequestId: ctx.awsRequestId,
    logGroupName: ctx.logGroupName,
    logStreamName: ctx.logStreamName,
    ...(ctx.clientContext ? { clientContext: ctx.clientContext } : {}),
    getRemainingTimeInMillis: () => Math.max(0, ctx.deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
  const started = performance.now();
  let settled = false;
  const finish = (ok, value) => {
    if (settled) return;
    settled = true;
    const durationMs = performance.now() - started;
    const memory = process.memoryUsage().rss;
    if (ok) {
      let payload;
      try {
        payload = value === undefined ? 'null' : JSON.stringify(value);
      } catch (err) {
        send({ type: 'result', id, ok: false, error: errorRecord(err), durationMs, memory });
        return;
      }
      send({ type: 'result', id, ok: true, payload, durationMs, memory });
    } else {
      send({ type: 'result', id, ok: false, error: errorRecord(value), durationMs, memory });
    }
  };
  context.done = (err, value) => finish(!err, err || value);
  context.succeed = (value) => finish(true, value);
  context.fail = (err) => finish(false, err);
  try {
    const result = handler(event, context, (err, value) => finish(!err, err || value));
    if (result && typeof result.then === 'function') {
      result.then(
        (value) => finish(true, value),
        (err) => finish(false, err),
      );
    } else if (handler.length < 3) {
      finish(true, result);
    }
  } catch (err) {
    finish(false, err);
  }
}

function fatal(kind, err) {
  const record = errorRecord(err);
  record.errorType = kind;
  send({ type: 'fatal', error: record });
  // Let the IPC message leave, then die as Lambda's runtime does.
  setTimeout(() => process.exit(1), 20);
}

process.on('uncaughtException', (err) => fatal('Runtime.UncaughtException', err));
process.on('unhandledRejection', (err) => fatal('Runtime.UnhandledPromiseRejection', err));
process.on('message', (message) => {
  if (message.type === 'init') init(message);
  else if (message.type === 'invoke') invoke(message);
});
process.on('disconnect', () => process.exit(0));

patchConsole();
send({ type: 'booted' });
