'use strict';
// Echoes the proxy event back (the API Gateway tests inspect what the function received).
exports.handler = async (event) => {
  if (event.headers && event.headers['x-break'] === 'malformed') return { hello: 'no statusCode' };
  if (event.headers && event.headers['x-break'] === 'throw') throw new Error('boom');
  return {
    statusCode: 201,
    headers: { 'content-type': 'application/json', 'x-from': 'lambda' },
    multiValueHeaders: { 'set-cookie': ['a=1', 'b=2'] },
    body: JSON.stringify(event),
  };
};
