'use strict';
// Functions the Step Functions tests call.
exports.prepare = async (event) => {
  if (event.Message && event.Message.invalid) {
    const err = new Error('the message has no text');
    err.name = 'InvalidMessageError';
    throw err;
  }
  return { Text: String(event.Message.text).trim(), Language: event.DefaultLanguage };
};
