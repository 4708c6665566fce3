'use strict';
// Used by differential_test.go: reads a JSON array of URL strings from the
// file named by the first argument and prints, as one JSON object, what the
// WHATWG URL parser of Node.js (new URL()) makes of each of them, against
// the base URL given as the second argument, if any.
// Run by hand: node testdata/differential.js urls.json [base]
const fs = require('fs');

const inputs = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const base = process.argv[3];
const results = inputs.map((input) => {
  let u;
  try {
    u = base === undefined ? new URL(input) : new URL(input, base);
  } catch (e) {
    return { ok: false };
  }
  return {
    ok: true,
    hostname: u.hostname,
    username: u.username,
    password: u.password,
    protocol: u.protocol,
    port: u.port,
    pathname: u.pathname,
    search: u.search,
    hash: u.hash,
  };
});
process.stdout.write(JSON.stringify({
  node: process.version,
  ada: process.versions.ada || '',
  icu: process.versions.icu || '',
  unicode: process.versions.unicode || '',
  results,
}));
