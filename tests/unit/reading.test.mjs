// Numbers the console shows beside the chat (the order's amount, the customer's orders and spend).
import test from 'node:test';
import assert from 'node:assert/strict';
import { pageNumber } from '../../extension/content/reading.js';

test('an amount shown with a currency sign and thousands separators is read as its number', () => {
  assert.equal(pageNumber('¥3,860.00'), 3860);
  assert.equal(pageNumber('实付 899.50 元'), 899.5);
});

test('a count shown with its unit is read as its number', () => {
  assert.equal(pageNumber('12 单'), 12);
});

test('a field with no digits gives no number, not zero', () => {
  assert.equal(pageNumber('暂无'), undefined);
  assert.equal(pageNumber(''), undefined);
  assert.equal(pageNumber(undefined), undefined);
});
