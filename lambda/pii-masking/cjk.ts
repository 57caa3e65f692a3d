/**
 * Names and addresses in Chinese and Japanese, where words are not separated
 * by spaces. Only cue-bound shapes are recognised:
 * - an address after `地址：` / `住所` or after the postal mark `〒123-4567`,
 *   running to `号` / `番地` / `室`;
 * - a name before an honorific (`様`, `さん`, `先生`, `女士`) or after
 *   `我叫` / `姓名：` / `氏名：` / `给` (then the name must start with a common
 *   Chinese surname).
 */
import { isCjk, isDigit, isSpace } from './char-class';
import type { ScanState } from './scan-state';

const HONORIFICS = new Set(['様', 'さん', '先生', '女士', '小姐', '殿', '氏', '老师']);
const NAME_CUES = ['我叫', '我是', '姓名', '名前', '氏名', '联系人', '收件人', '收货人', '客户', '给', '給', '致'];
const ADDRESS_CUES = ['地址', '住所', '住址', '地點', '地点', '所在地'];
/** Characters that end a name written without spaces (verbs and particles that follow it). */
const AFTER_NAME = new Set([
  '写', '寫', '发', '發', '打', '寄', '的', '和', '说', '說', '回', '讲', '講', '做', '准', '起', '一', '是', '在', '先', '女', '小', '老', '様', 'さ', '，', '。', '、',
]);
const SURNAMES = new Set(
  ('王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝'
    + '龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房'
    + '滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝').split(''),
);
const ADDRESS_END = ['号', '號', '番地', '室', '番'];
const CHINESE_HONORIFICS = new Set(['先生', '女士', '小姐', '老师']);

/** First characters of every cue and honorific: other characters are passed over at once. */
const CUE_FIRST = new Set<number>();
for (const w of [...HONORIFICS, ...NAME_CUES, ...ADDRESS_CUES]) CUE_FIRST.add(w.charCodeAt(0));

function isAddressChar(c: number): boolean {
  return isCjk(c) || isDigit(c) || c === 0x2d || c === 0x30fc || c === 0xff0d || (c >= 0xff10 && c <= 0xff19);
}

function endsWithAny(s: string, end: number, list: readonly string[]): string {
  for (const w of list) if (s.startsWith(w, end - w.length)) return w;
  return '';
}

/** Reads an address body from `pos`; returns its end (after the last 号/番地/室) or -1. */
function readAddressBody(s: string, pos: number): number {
  let i = pos;
  let digits = 0;
  let lastGood = -1;
  while (i < s.length && i - pos < 48) {
    const c = s.charCodeAt(i);
    if (!isAddressChar(c)) break;
    if (isDigit(c) || (c >= 0xff10 && c <= 0xff19)) digits++;
    i++;
    if (endsWithAny(s, i, ADDRESS_END) && digits > 0) lastGood = i;
  }
  return lastGood;
}

/**
 * At a CJK character (or `〒`): addresses and names bound to cues. The loop
 * resumes after a finding, or after the character.
 */
export function tryCjkEntity(st: ScanState, pos: number): number {
  const s = st.s;
  const c = s.charCodeAt(pos);
  if (c === 0x3012) {
    // 〒123-4567 then the address.
    let i = pos + 1;
    while (i < s.length && i - pos < 10 && (isDigit(s.charCodeAt(i)) || s.charCodeAt(i) === 0x2d)) i++;
    if (i - pos < 8) return pos + 1;
    if (isSpace(s.charCodeAt(i))) i++;
    const end = readAddressBody(s, i);
    if (end > 0 && st.emit('STREET_ADDRESS', pos, end)) return end;
    return pos + 1;
  }
  if (!CUE_FIRST.has(c)) return pos + 1;
  for (const cue of ADDRESS_CUES) {
    if (!s.startsWith(cue, pos)) continue;
    let i = pos + cue.length;
    if (s.charCodeAt(i) === 0xff1a || s.charCodeAt(i) === 0x3a) i++;
    while (i < s.length && i - pos < 8 && isSpace(s.charCodeAt(i))) i++;
    if (s.charCodeAt(i) === 0x3012) return i;
    const end = readAddressBody(s, i);
    if (end > 0 && st.emit('STREET_ADDRESS', i, end)) return end;
    return pos + cue.length;
  }
  for (const cue of NAME_CUES) {
    if (!s.startsWith(cue, pos)) continue;
    let i = pos + cue.length;
    if (s.charCodeAt(i) === 0xff1a || s.charCodeAt(i) === 0x3a) i++;
    while (i < s.length && i - pos < 6 && isSpace(s.charCodeAt(i))) i++;
    const nameStart = i;
    while (i < s.length && i - nameStart < 4 && isCjk(s.charCodeAt(i)) && !AFTER_NAME.has(s[i])) i++;
    const len = i - nameStart;
    const weak = cue === '给' || cue === '給' || cue === '致' || cue === '我是' || cue === '客户';
    if (len >= 2 && len <= 4 && (!weak || SURNAMES.has(s[nameStart])) && st.emit('PERSON', nameStart, i)) return i;
    return pos + cue.length;
  }
  // A name right before an honorific: 永田 浩二様, 黒田葵様, 王先生.
  const h = pos > st.lastEnd && isHan(s.charCodeAt(pos - 1)) ? honorificAt(s, pos) : '';
  if (h) {
    const end = pos;
    let start = end;
    while (start > st.lastEnd && end - start < 4 && isHan(s.charCodeAt(start - 1))) start--;
    if (CHINESE_HONORIFICS.has(h)) {
      // 请联系王先生: the name is the surname and what follows it.
      while (start < end && !SURNAMES.has(s[start])) start++;
      if (end - start >= 1 && end - start <= 3 && st.emit('PERSON', start, end)) return end + h.length;
      return pos + 1;
    }
    if (end - start <= 3 && start > st.lastEnd + 1 && s.charCodeAt(start - 1) === 0x20 && isHan(s.charCodeAt(start - 2))) {
      let s2 = start - 1;
      while (s2 > st.lastEnd && start - 1 - s2 < 3 && isHan(s.charCodeAt(s2 - 1))) s2--;
      if (start - 1 - s2 >= 1) start = s2;
    }
    if (end - start >= 2 && st.emit('PERSON', start, end)) return end + h.length;
  }
  return pos + 1;
}

function honorificAt(s: string, pos: number): string {
  for (const h of HONORIFICS) if (s.startsWith(h, pos)) return h;
  return '';
}

/** Han ideographs only (not kana): Japanese names in kanji end where kana begin. */
function isHan(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf);
}
