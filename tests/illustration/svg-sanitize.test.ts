import { describe, expect, it } from 'vitest';
import { sanitizeSvg } from '../../integrations/aigc/src/utils/svg-sanitize.ts';
import { assertSafeSvg } from './support.ts';

const hostile = `<?xml version="1.0"?>
<!DOCTYPE svg [<!ENTITY x "boom">]>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10" onload="alert(1)">
  <style>@import url(https://evil.example/x.css); .a { fill: url(https://evil.example/p.svg#g); stroke: url(#ok) }</style>
  <script>alert(2)</script>
  <script><![CDATA[ alert(3) ]]></script>
  <foreignObject><div xmlns="http://www.w3.org/1999/xhtml"><iframe src="https://evil.example"/></div></foreignObject>
  <a href="javascript:alert(4)"><rect width="1" height="1" OnClick="alert(5)"/></a>
  <a xlink:href="https://evil.example/"><text>link &amp; text</text></a>
  <image href="https://evil.example/track.png" width="1" height="1"/>
  <image href="data:image/png;base64,iVBORw0KGgo=" width="1" height="1"/>
  <use href="#shape"/>
  <rect id="shape" style="fill: url('https://evil.example/bg.png')" width="2" height="2"/>
  <set attributeName="onmouseover" to="alert(6)"/>
</svg>`;

describe('sanitizeSvg', () => {
  const clean = sanitizeSvg(hostile);

  it('removes script, foreignObject, event handlers and external references', () => {
    assertSafeSvg(clean);
    expect(clean).not.toContain('alert');
    expect(clean).not.toContain('evil.example');
    expect(clean).not.toContain('ENTITY');
  });

  it('keeps shapes, text, in-document references and embedded rasters', () => {
    expect(clean).toContain('<text>link &amp; text</text>');
    expect(clean).toContain('<use href="#shape"/>');
    expect(clean).toContain('href="data:image/png;base64,iVBORw0KGgo="');
    expect(clean).toContain('url(#ok)');
    expect(clean).toContain('<rect id="shape"');
  });

  it('refuses malformed input and non-SVG roots', () => {
    expect(() => sanitizeSvg('<svg><g></svg>')).toThrow(/closes <g>/);
    expect(() => sanitizeSvg('<html></html>')).toThrow(/not <svg>/);
    expect(() => sanitizeSvg('<svg width="1" width="2"></svg>')).toThrow(/duplicate attribute/);
  });
});
