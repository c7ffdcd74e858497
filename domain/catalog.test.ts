import { describe, expect, it } from 'vitest';
import { createDropSchema, dropFiltersSchema, dropStatusAt, toPlainText, updateDropSchema, updateItemSchema } from './catalog';

describe('toPlainText', () => {
  it.each([
    ['<script>alert(1)</script>Hello', 'Hello'],
    ['Hi<SCRIPT type="text/javascript">steal(document.cookie)</SCRIPT > there', 'Hi there'],
    ['unclosed <script>alert(1)', 'unclosed'],
    ['<style>body{display:none}</style>Styled', 'Styled'],
    ['<scr<script>ipt>alert(1)</script>', ''],
    ['<<script>script>alert(1)<</script>/script>', ''],
    ['<img src=x onerror=alert(1)>Pic', 'Pic'],
    ['<div onclick="steal()" onmouseover=\'x()\'>click me</div>', 'click me'],
    ['<a title=">" onclick="x()">link</a>', 'link'],
    ['trailing <img src=x onerror=alert(1)', 'trailing'],
    ['<svg/onload=alert(1)>', ''],
    ['<!-- hidden <b>comment</b> -->Shown', 'Shown'],
    ['&lt;script&gt;alert(1)&lt;/script&gt;Encoded', 'Encoded'],
    ['&amp;lt;img src=x onerror=alert(1)&amp;gt;Double', 'Double'],
    ['&#60;b&#x3e;bold&#60;/b&#62;', 'bold'],
  ])('strips markup: %j', (input, expected) => {
    expect(toPlainText(input)).toBe(expected);
  });

  it.each([
    ['see javascript:alert(1)', 'see alert(1)'],
    ['JaVaScRiPt:alert(1)', 'alert(1)'],
    ['java\tscript:alert(1)', 'alert(1)'],
    ['java\u0000script:alert(1)', 'alert(1)'],
    ['javascript&colon;alert(1)', 'alert(1)'],
    ['&#106;avascript:alert(1)', 'alert(1)'],
    ['vbscript:msgbox(1)', 'msgbox(1)'],
    ['data:text/html,<script>x</script>', ','],
  ])('removes script URL schemes: %j', (input, expected) => {
    expect(toPlainText(input)).toBe(expected);
  });

  it('drops control, zero-width and bidi-override characters but keeps newlines and tabs', () => {
    expect(toPlainText('a\u0007b\u200bc\u202ed\u0085e\r\nf\tg')).toBe('abcde\nf\tg');
  });

  it('leaves ordinary text alone', () => {
    const text = 'Limited run of 50 — 2 < 3 and 5 > 4, "quoted" & café ☕️\n\nhttps://example.com/x?a=1&b=2';
    expect(toPlainText(text)).toBe(text);
  });

  it('trims and collapses runs of blank lines', () => {
    expect(toPlainText('  first\n\n\n\n\nsecond  \n')).toBe('first\n\nsecond');
  });
});

describe('catalog schemas', () => {
  const drop = { name: 'Drop', description: '<b>Bold</b> claims', mediaUrl: 'https://cdn.example.com/a.png', saleStartsAt: '2030-01-01T00:00:00Z' };

  it('sanitises drop text on parse and requires https media', () => {
    expect(createDropSchema.parse(drop)).toMatchObject({ description: 'Bold claims', saleEndsAt: null, perBuyerLimit: 1 });
    expect(createDropSchema.safeParse({ ...drop, mediaUrl: 'http://cdn.example.com/a.png' }).success).toBe(false);
    expect(createDropSchema.safeParse({ ...drop, mediaUrl: 'javascript:alert(1)' }).success).toBe(false);
    expect(createDropSchema.safeParse({ ...drop, name: '<b></b>' }).success).toBe(false);
  });

  it('compares sale times as instants, not strings', () => {
    expect(createDropSchema.safeParse({ ...drop, saleEndsAt: '2030-01-01T00:00:00.500Z' }).success).toBe(true);
    expect(createDropSchema.safeParse({ ...drop, saleEndsAt: '2030-01-01T00:00:00Z' }).success).toBe(false);
    expect(updateDropSchema.safeParse({ saleStartsAt: '2030-01-02T00:00:00Z', saleEndsAt: '2030-01-01T00:00:00Z' }).success).toBe(false);
  });

  it('refuses empty patches and supply or currency changes with a clear message', () => {
    expect(updateDropSchema.safeParse({}).success).toBe(false);
    expect(updateItemSchema.safeParse({}).success).toBe(false);
    const supply = updateItemSchema.safeParse({ supply: 5 });
    expect(supply.error?.issues[0]?.message).toMatch(/supply and currency cannot change/);
    expect(updateItemSchema.parse({ priceCents: 900 })).toEqual({ priceCents: 900 });
  });

  it('validates list filters', () => {
    expect(dropFiltersSchema.parse({})).toEqual({ limit: 20 });
    expect(dropFiltersSchema.safeParse({ limit: '101' }).success).toBe(false);
    expect(dropFiltersSchema.safeParse({ limit: 'ten' }).success).toBe(false);
    expect(dropFiltersSchema.safeParse({ status: 'soon' }).success).toBe(false);
    expect(dropFiltersSchema.safeParse({ sort: 'name' }).success).toBe(false);
  });

  it('derives a drop status from the sale window', () => {
    const now = new Date('2030-01-01T12:00:00Z');
    const at = (iso: string) => new Date(iso);
    expect(dropStatusAt({ saleStartsAt: at('2030-01-02T00:00:00Z'), saleEndsAt: null }, now)).toBe('upcoming');
    expect(dropStatusAt({ saleStartsAt: at('2030-01-01T00:00:00Z'), saleEndsAt: null }, now)).toBe('live');
    expect(dropStatusAt({ saleStartsAt: at('2030-01-01T00:00:00Z'), saleEndsAt: at('2030-01-01T12:00:00Z') }, now)).toBe('ended');
  });
});
