/** host/local-files.ts: what a template may make the host read (DefinitionUri). */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { templateFileReader } from '../../server/src/host/local-files';

describe('local files next to a template', () => {
  let root: string;
  let read: (p: string) => string | undefined;
  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'scaling-local-files-'));
    fs.mkdirSync(path.join(root, 'app/statemachine'), { recursive: true });
    fs.writeFileSync(path.join(root, 'app/template.yaml'), 'Resources: {}\n');
    fs.writeFileSync(path.join(root, 'app/statemachine/m.asl.json'), '{"StartAt": "A"}');
    fs.writeFileSync(path.join(root, 'app/statemachine/notes.txt'), 'secret');
    fs.writeFileSync(path.join(root, 'app/big.json'), ' '.repeat(2000));
    fs.writeFileSync(path.join(root, 'outside.json'), '{"secret": true}');
    try {
      fs.symlinkSync(path.join(root, 'outside.json'), path.join(root, 'app/link.json'));
    } catch {
      /* no symlinks here: that case is skipped below */
    }
    read = templateFileReader(path.join(root, 'app/template.yaml'), { maxBytes: 1000 });
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('reads a definition file below the template folder', () => {
    assert.strictEqual(read('statemachine/m.asl.json'), '{"StartAt": "A"}');
    assert.strictEqual(read('./statemachine/m.asl.json'), '{"StartAt": "A"}');
    assert.strictEqual(read('statemachine/../statemachine/m.asl.json'), '{"StartAt": "A"}');
  });

  it('refuses paths that leave the folder, absolute paths and URLs', () => {
    assert.strictEqual(read('../outside.json'), undefined);
    assert.strictEqual(read(path.join(root, 'outside.json')), undefined);
    assert.strictEqual(read('file:///etc/passwd.json'), undefined);
    assert.strictEqual(read('C:\\Windows\\x.json'), undefined);
    assert.strictEqual(read('statemachine/m.asl.json\0'), undefined);
  });

  it('refuses a symbolic link pointing outside', function () {
    if (!fs.existsSync(path.join(root, 'app/link.json'))) this.skip();
    assert.strictEqual(read('link.json'), undefined);
  });

  it('refuses other extensions, folders, missing and oversized files', () => {
    assert.strictEqual(read('statemachine/notes.txt'), undefined);
    assert.strictEqual(read('statemachine'), undefined);
    assert.strictEqual(read('missing.json'), undefined);
    assert.strictEqual(read('big.json'), undefined);
  });

  it('prefers the text of an open document', () => {
    const r = templateFileReader(path.join(root, 'app/template.yaml'), { overlay: (p) => (p.endsWith('m.asl.json') ? '{"edited": 1}' : undefined) });
    assert.strictEqual(r('statemachine/m.asl.json'), '{"edited": 1}');
  });
});
