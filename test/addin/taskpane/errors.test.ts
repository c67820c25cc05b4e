import { GatewayError } from '../../../addin/core/gateway';
import { ApiCallError, LedgerError } from '../../../addin/app';
import { isAbort, shortDetail, toProblem } from '../../../addin/taskpane/errors';
import { t } from '../../../addin/taskpane/i18n';

describe('errors → plain words', () => {
  it('shows a gateway error in its own words (they name the sheet and the fix)', () => {
    const missing = new GatewayError('sheet_missing', '找不到工作表“签约项目”', 'Sheet "签约项目" is gone', '签约项目');
    expect(toProblem(missing, 'zh')).toEqual({ key: 'errPlain', params: { detail: '找不到工作表“签约项目”' } });
    expect(toProblem(missing, 'en')).toEqual({ key: 'errPlain', params: { detail: 'Sheet "签约项目" is gone' } });
    expect(toProblem({ name: 'RichApi.Error', code: 'InvalidOperationInCellEditMode', message: 'x' }, 'zh')).toEqual({ key: 'errEditMode' });
  });

  it('maps backend answers by status, with the backend’s own words for a 400', () => {
    const http = (status: number, code?: string) => new ApiCallError('http', { zh: '第5行签约时间无效', en: 'row 5 bad date' }, status, code);
    expect(toProblem(http(401, 'unauthorized'), 'zh').key).toBe('errUnauthorized');
    expect(toProblem(http(403), 'zh').key).toBe('errForbidden');
    expect(toProblem(http(413), 'zh').key).toBe('errTooLarge');
    expect(toProblem(http(429), 'zh').key).toBe('errThrottled');
    expect(toProblem(http(503), 'zh').key).toBe('errServer');
    expect(toProblem(http(400), 'en')).toEqual({ key: 'errBadRequest', params: { detail: 'row 5 bad date' } });
    expect(toProblem({ error: { code: 'forbidden', message: { zh: '无权', en: 'no' } } }, 'zh').key).toBe('errForbidden');
  });

  it('recognises network failures, missing lists and cancellation', () => {
    expect(toProblem(new ApiCallError('network', { zh: '无法连接', en: 'unreachable' }), 'zh').key).toBe('errNetwork');
    expect(toProblem(new TypeError('Failed to fetch'), 'zh').key).toBe('errNetwork');
    expect(toProblem(new LedgerError({ zh: '未找到', en: 'none' }), 'zh').key).toBe('errNoLists');
    expect(isAbort(new ApiCallError('aborted', { zh: '已取消', en: 'cancelled' }))).toBe(true);
    expect(isAbort(new DOMException('x', 'AbortError'))).toBe(true);
    expect(isAbort(new Error('x'))).toBe(false);
  });

  it('never shows a stack trace', () => {
    const err = new Error('boom\n    at foo (file.js:1:1)\n    at bar');
    const p = toProblem(err, 'en');
    const text = t('en', p.key, p.params);
    expect(text).toContain('boom');
    expect(text).not.toMatch(/\bat foo\b|file\.js/);
    expect(shortDetail('x'.repeat(500)).length).toBeLessThanOrEqual(160);
    expect(toProblem('weird', 'zh')).toEqual({ key: 'errUnknown', params: { detail: 'weird' } });
  });
});
