// n8n-core writes its config under N8N_USER_FOLDER; keep tests out of the user's ~/.n8n.
const os = require('os');
const path = require('path');
const fs = require('fs');
const folder = path.join(os.tmpdir(), 'n8n-nodes-threads-insights-test');
fs.mkdirSync(folder, { recursive: true });
process.env.N8N_USER_FOLDER = folder;
process.env.TZ = process.env.TZ || 'UTC';
process.env.N8N_LOG_LEVEL = process.env.N8N_LOG_LEVEL || 'silent';
