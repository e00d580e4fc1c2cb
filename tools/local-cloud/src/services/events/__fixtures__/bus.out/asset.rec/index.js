'use strict';
// Records every event it receives (a rule target for the EventBridge tests).
const fs = require('node:fs');
exports.handler = async (event) => {
  fs.appendFileSync(process.env.RECORD_FILE, JSON.stringify(event) + '\n');
};
