// n8n loads the package through the `n8n` section of package.json (dist/ only); this file is
// not published and exports nothing.
module.exports = {};
