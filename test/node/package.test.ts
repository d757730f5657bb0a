/**
 * The package's entry points resolve as a user's require/import would (Node's self-reference
 * through package.json "exports"), from the build.
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const __dirname = fileURLToPath(new URL('.', import.meta.url));

const ROOT = resolve(__dirname, '../..');
const load = (code: string) => execFileSync(process.execPath, ['-e', code], { cwd: ROOT, encoding: 'utf8' }).trim();

describe('package exports', () => {
  it('"sdpscope" is the core', () => {
    expect(load(`const s = require('sdpscope'); console.log(typeof s.parseSdp, typeof s.negotiate, typeof s.CandidateAnalyzer)`)).toBe('function function function');
  });

  it('"sdpscope/node" is the Node part under Node: files, streams, relay, client', () => {
    expect(load(`const n = require('sdpscope/node'); console.log(['readTextInput', 'scanStream', 'startRelay', 'runClient'].map((k) => typeof n[k]).join(' '))`)).toBe('function function function function');
  });

  it('"sdpscope/lab" is the NAT lab', () => {
    expect(load(`const n = require('sdpscope/lab'); console.log(['runLabCall', 'verifyLabCall', 'createLab'].map((k) => typeof n[k]).join(' '))`)).toBe('function function function');
  });
});
