import { describe, expect, it } from 'vitest';
import {
  DISCIPLINES,
  DISCIPLINE_CATEGORIES,
  disciplineGroup,
  disciplineLabel,
  disciplineOf,
  isKnownDisciplineCode,
} from '../../../functions/expert-matching/core/disciplines';
import { PROVINCES, distanceKm, isEastToWest, provinceOf, zoneOf } from '../../../functions/expert-matching/core/geography';
import { regionName } from '../../../shared/ids/regions';

describe('the GB/T 13745-2009 discipline table', () => {
  const first = DISCIPLINES.filter((d) => d.level === 1);

  it('lists all 62 first-level disciplines in the five categories, with Chinese and English names', () => {
    expect(first).toHaveLength(62);
    expect([...DISCIPLINE_CATEGORIES.keys()]).toEqual(['A', 'B', 'C', 'D', 'E']);
    const perCategory = Object.fromEntries(['A', 'B', 'C', 'D', 'E'].map((c) => [c, first.filter((d) => d.category === c).length]));
    expect(perCategory).toEqual({ A: 9, B: 4, C: 6, D: 24, E: 19 });
    for (const d of first) {
      expect(d.code).toMatch(/^\d{3}$/);
      expect(d.name).not.toBe('');
      expect(d.nameEn).toMatch(/^[A-Z]/);
    }
  });

  it.each([
    ['110', '数学', 'A'],
    ['190', '心理学', 'A'],
    ['210', '农学', 'B'],
    ['320', '临床医学', 'C'],
    ['413', '信息与系统科学相关工程与技术', 'D'],
    ['520', '计算机科学技术', 'D'],
    ['630', '管理学', 'D'],
    ['850', '民族学与文化学', 'E'],
    ['910', '统计学', 'E'],
  ])('knows %s %s (category %s)', (code, name, category) => {
    expect(disciplineOf(code)).toMatchObject({ code, name, category, level: 1, group: code });
  });

  it.each([
    ['11014', '数理逻辑与数学基础'],
    ['11021', '代数学'],
    ['21060', '植物保护学'],
    ['23030', '兽医学'],
    ['32065', '全科医学'],
    ['52020', '人工智能'],
    ['79059', '农业经济学'],
  ])('knows second-level %s %s under its group', (code, name) => {
    const d = disciplineOf(code);
    expect(d).toMatchObject({ code, name, level: 2, group: code.slice(0, 3) });
    expect(d!.category).toBe(disciplineOf(code.slice(0, 3))!.category);
  });

  it('takes the group of any well-formed code, listed or not, and refuses malformed ones', () => {
    expect(disciplineGroup('21060')).toBe('210');
    expect(disciplineGroup('210')).toBe('210');
    expect(disciplineGroup('21099')).toBe('210'); // "其他学科" codes are not listed but still have a group
    expect(() => disciplineGroup('2106')).toThrow(RangeError);
    expect(() => disciplineGroup('21060.1')).toThrow(RangeError);
  });

  it('accepts codes whose first-level group exists', () => {
    expect(isKnownDisciplineCode('21099')).toBe(true);
    expect(isKnownDisciplineCode('990')).toBe(false);
    expect(isKnownDisciplineCode('abc')).toBe(false);
    expect(disciplineOf('99999')).toBeUndefined();
    expect(disciplineLabel('11021')).toBe('11021 代数学 (Algebra)');
    expect(disciplineLabel('21099')).toBe('21099');
  });
});

describe('provinces and zones', () => {
  it('has the 31 provincial-level divisions, named as GB/T 2260 names them', () => {
    expect(PROVINCES).toHaveLength(31);
    for (const p of PROVINCES) expect(regionName(`${p.code}0000`), p.code).toBe(p.name);
  });

  it('groups them 11 east, 8 central, 12 west as in the Western Development policy', () => {
    const codes = (zone: string) => PROVINCES.filter((p) => p.zone === zone).map((p) => p.code);
    expect(codes('EAST')).toEqual(['11', '12', '13', '21', '31', '32', '33', '35', '37', '44', '46']);
    expect(codes('CENTRAL')).toEqual(['14', '22', '23', '34', '36', '41', '42', '43']);
    expect(codes('WEST')).toEqual(['15', '45', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65']);
  });

  it('finds the zone of any division code and nothing for national or unknown codes', () => {
    expect(zoneOf('320508')).toBe('EAST'); // a district of Suzhou
    expect(zoneOf('150100')).toBe('WEST'); // Hohhot, Inner Mongolia
    expect(zoneOf('450100')).toBe('WEST'); // Nanning, Guangxi
    expect(zoneOf('420100')).toBe('CENTRAL');
    expect(zoneOf('000000')).toBeUndefined();
    expect(zoneOf('710000')).toBeUndefined(); // not among the 31
    expect(zoneOf('32')).toBe('EAST');
    expect(provinceOf('3205')).toBeUndefined();
  });

  it('calls east expert → west need east→west, and nothing else', () => {
    expect(isEastToWest('310000', '650100')).toBe(true);
    expect(isEastToWest('650100', '310000')).toBe(false);
    expect(isEastToWest('420100', '650100')).toBe(false); // central → west
    expect(isEastToWest('310000', '420100')).toBe(false);
    expect(isEastToWest('000000', '650100')).toBe(false);
  });

  it('measures capital-to-capital distances, 0 within a province', () => {
    expect(distanceKm('110105', '310104')).toBeGreaterThan(1040); // Beijing–Shanghai ≈ 1070 km
    expect(distanceKm('110105', '310104')).toBeLessThan(1100);
    expect(distanceKm('310104', '650102')).toBeGreaterThan(3200); // Shanghai–Urumqi ≈ 3270 km
    expect(distanceKm('320100', '320500')).toBe(0);
    expect(distanceKm('440100', '110000')).toBeCloseTo(distanceKm('110000', '440100')!, 9);
    expect(distanceKm('000000', '110000')).toBeUndefined();
  });
});
