/** The well-formedness check itself, so that the chart tests can rely on it. */
import { describe, expect, it } from 'vitest';
import { xmlProblems } from './wellFormed';

describe('xmlProblems', () => {
  it('accepts well-formed documents', () => {
    expect(xmlProblems('<svg a="1" b=\'2\'><g><text>x &amp; y &#10; &#x41;</text></g><rect/></svg>')).toEqual([]);
    expect(xmlProblems('<?xml version="1.0"?>\n<!-- c --><svg><![CDATA[<&]]></svg>\n')).toEqual([]);
  });

  it('finds unbalanced, crossed and unclosed tags', () => {
    expect(xmlProblems('<svg><g></svg>').join()).toMatch(/closes <g>/);
    expect(xmlProblems('<svg><g><text></g></text></svg>').length).toBeGreaterThan(0);
    expect(xmlProblems('<svg>').join()).toMatch(/never closed/);
    expect(xmlProblems('<svg></svg></g>').join()).toMatch(/closes nothing/);
    expect(xmlProblems('<svg><rect</svg>').length).toBeGreaterThan(0);
  });

  it('finds bad attributes', () => {
    expect(xmlProblems('<svg a=1></svg>').join()).toMatch(/no quoted value/);
    expect(xmlProblems('<svg a="1" a="2"></svg>').join()).toMatch(/repeated/);
    expect(xmlProblems('<svg a="<"></svg>').join()).toMatch(/attribute value/);
    expect(xmlProblems('<svg a="1></svg>').join()).toMatch(/never closed/);
    expect(xmlProblems('<svg a="1"b="2"></svg>').join()).toMatch(/malformed attribute/);
  });

  it('finds raw ampersands, stray text and a second root', () => {
    expect(xmlProblems('<svg>a & b</svg>').join()).toMatch(/entity/);
    expect(xmlProblems('<svg>&nbsp;</svg>').join()).toMatch(/entity/);
    expect(xmlProblems('text<svg></svg>').join()).toMatch(/outside the root/);
    expect(xmlProblems('<svg></svg><svg></svg>').join()).toMatch(/2 root elements/);
    expect(xmlProblems('').join()).toMatch(/0 root elements/);
  });
});
