import { mod11_2CheckCharacter } from '../../../shared/ids/mod11-2';
import { regionName } from '../../../shared/ids/regions';
import { intIn, pick, rngFor, type Rng } from './context';

/*
 * The synthetic people the demo is about: a name, a province and a resident ID number that is
 * valid (GB 11643 check character) but made up — a birth date and a sequence drawn at random,
 * an area code in the province's capital. Person i is the same on every run with the same seed.
 */

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '高', '郑', '梁', '谢', '宋', '唐', '许', '韩', '冯', '邓', '曹', '彭', '曾', '萧', '田', '董', '潘', '袁', '蔡', '蒋', '余'];
const COMPOUND_SURNAMES = ['欧阳', '司马', '上官', '诸葛'];
const GIVEN_ONE = ['伟', '芳', '娜', '敏', '静', '强', '磊', '军', '洋', '勇', '艳', '杰', '涛', '明', '超', '霞', '平', '刚', '桂', '丹', '萍', '鹏', '华', '红', '玲', '斌', '宇', '浩', '凯', '琳'];
const GIVEN_TWO = ['秀英', '建华', '志强', '海燕', '文博', '晓东', '丽娟', '国庆', '雨婷', '子涵', '欣怡', '浩然', '俊杰', '思远', '佳怡', '明轩', '梓萱', '宏伟', '春梅', '晓明', '卫东', '婉清', '一鸣', '若溪'];

export interface Person {
  index: number;
  name: string;
  idNumber: string;
  /** 2-digit province code. */
  province: string;
  /** The province's division code, XX0000. */
  region: string;
}

export function chineseName(rng: Rng): string {
  const surname = rng() < 0.03 ? pick(rng, COMPOUND_SURNAMES) : pick(rng, SURNAMES);
  return surname + (rng() < 0.55 ? pick(rng, GIVEN_TWO) : pick(rng, GIVEN_ONE));
}

/** A valid, synthetic 18-character resident ID number for someone from `province`. */
export function residentIdFor(rng: Rng, province: string): string {
  const area = `${province}01${pick(rng, ['02', '03', '04', '05', '06', '08'])}`;
  const year = intIn(rng, 1963, 1999);
  const month = intIn(rng, 1, 12);
  const day = intIn(rng, 1, 28);
  const sequence = String(intIn(rng, 0, 999)).padStart(3, '0');
  const seventeen = `${area}${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}${sequence}`;
  return `${seventeen}${mod11_2CheckCharacter(seventeen)}`;
}

/** `count` people spread over `provinces`, all with distinct ID numbers. */
export function population(count: number, seed: number, prefix: string, provinces: readonly string[]): Person[] {
  const seen = new Set<string>();
  const people: Person[] = [];
  for (let i = 0; i < count; i++) {
    const rng = rngFor('person', seed, prefix, i);
    const province = provinces[i % provinces.length]!;
    let idNumber = residentIdFor(rng, province);
    while (seen.has(idNumber)) idNumber = residentIdFor(rng, province);
    seen.add(idNumber);
    people.push({ index: i, name: chineseName(rng), idNumber, province, region: `${province}0000` });
  }
  return people;
}

/** 浙江省 for 33. */
export function provinceName(province: string): string {
  return regionName(`${province}0000`) ?? province;
}

/** 浙江 for 33, 广西 for 45: for composing names. */
export function provinceShort(province: string): string {
  return provinceName(province).replace(/(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)$/, '');
}
