import { test } from 'node:test';
import assert from 'node:assert/strict';
import { safeUrl } from '../../../services/Api/wwwroot/js/dom.js';

test('web links stay links', () => {
  assert.equal(safeUrl('https://weibo.com/1/abc?x=1'), 'https://weibo.com/1/abc?x=1');
  assert.equal(safeUrl('http://example.test/a'), 'http://example.test/a');
});

test('script, data and broken links go nowhere', () => {
  assert.equal(safeUrl('javascript:alert(1)'), '#');
  assert.equal(safeUrl('data:text/html,<b>x</b>'), '#');
  assert.equal(safeUrl('not a url'), '#');
  assert.equal(safeUrl(undefined), '#');
});
