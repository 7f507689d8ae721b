// The shared core's own suites, run again in the server's runtime (Node, swc) — the client
// project runs them under jsdom and babel: the same validation passes or fails the same way on
// both sides.
import '../../../../src/lowcode/core/__tests__/definition.test';
import '../../../../src/lowcode/core/__tests__/fields.test';
import '../../../../src/lowcode/core/__tests__/form.test';
