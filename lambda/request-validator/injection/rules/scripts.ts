import { CJK_TOPIC } from '../business-topics';
import { group } from '../pattern-builder';
import { Reason } from '../reasons';
import type { TextRule } from './rule';

/**
 * Languages written without spaces between words (Chinese, Japanese) or with
 * particles glued to nouns (Korean), and Arabic and Hindi: word anchors do
 * not work there, so each rule is one bounded regex, run only when the
 * script is present.
 */
const HAN_KANA = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]/;
const HANGUL = /[\uac00-\ud7af\u1100-\u11ff]/;
const ARABIC = /[\u0600-\u06ff]/;
const DEVANAGARI = /[\u0900-\u097f]/;

/** Up to `n` characters within one sentence. */
function near(n: number): string {
  return `[^.!?\\n]{0,${n}}?`;
}

function either(a: string, b: string, n: number): RegExp {
  return new RegExp(`${a}${near(n)}${b}|${b}${near(n)}${a}`);
}

const ZH = {
  setAside: group('忽略', '忽视', '忽視', '无视', '無視', '忘记', '忘記', '忘掉', '不要理会', '不要理會', '别理会', '別理會', '不要遵守', '不要遵循', '不再遵守', '停止遵守', '不用遵守', '不要再遵守', '不要再遵循', '别再遵守', '別再遵守', '不用再遵守', '不必再遵守', '不要再理会', '不必遵守', '跳过', '跳過', '放弃', '放棄', '抛开', '拋開', '抛弃', '拋棄', '违反', '違反', '绕过', '繞過', '丢弃', '丟棄', '覆盖', '覆蓋', '无需遵守', '無需遵守'),
  earlier: group('之前', '以前', '先前', '上面', '以上', '上述', '前面', '所有', '全部', '原来', '原來', '原始', '原有', '系统', '系統', '你的', '一切', '此前'),
  instructions: group('指令', '指示', '命令', '规则', '規則', '说明', '說明', '限制', '要求', '设定', '設定', '提示词', '提示詞', '提示', '约束', '約束', '准则', '準則', '规定', '規定', '守则', '守則', '设置', '設置', '安全策略', '内容政策', '內容政策', '条款', '條款'),
  voided: group('忽略', '忘记', '忘記', '忘掉', '忘了', '扔掉', '丢掉', '丟掉', '无视', '無視', '作废', '作廢', '无效', '無效', '不算', '取消', '失效', '不再适用', '不再適用'),
  reveal: group('显示', '顯示', '输出', '輸出', '打印', '告诉我', '告訴我', '透露', '泄露', '洩露', '重复', '重複', '给我看', '給我看', '展示', '公开', '公開', '复述', '複述', '说出', '說出', '写出', '寫出', '列出', '翻译', '翻譯', '发给我', '發給我', '念出', '背诵', '背誦', '原样', '原樣', '逐字'),
  hidden: group('系统提示', '系統提示', '系统指令', '系統指令', '提示词', '提示詞', '初始指令', '原始指令', '隐藏指令', '隱藏指令', '你的指令', '你的设定', '你的設定', '系统消息', '系統訊息', '系统信息', '系統信息', '系统设定', '系統設定', '初始提示', '原始提示', '你的规则', '你的規則', '你收到的指令', '系统prompt', '系統prompt', 'system prompt'),
  whatIs: group('是什么', '是什麼', '有哪些', '完整内容', '完整內容', '原文', '全文', '内容是', '內容是'),
  free: group('没有', '沒有', '不受', '无任何', '無任何', '解除', '摆脱', '擺脫', '去除', '取消', '不设', '不設', '不存在', '没有任何', '沒有任何', '不受任何', '无视', '無視'),
  limits: group('限制', '约束', '約束', '规则', '規則', '审查', '審查', '过滤', '過濾', '道德', '伦理', '倫理', '底线', '底線', '安全准则', '安全準則', '内容政策', '內容政策', '束缚', '束縛'),
  persona: group('扮演', '假装', '假裝', '从现在开始', '從現在開始', '你现在', '你現在', '你是一个', '你是一個', '你将', '你將', '角色', '人工智能', 'ai', '助手', '模式'),
  modes: group('开发者模式', '開發者模式', '越狱模式', '越獄模式', '上帝模式', '无限制模式', '無限制模式', 'dan模式', 'dan 模式', '无审查模式', '無審查模式'),
};

const JA = {
  earlier: group('以前', '前', '上記', 'これまで', 'すべて', '全て', '今まで', '最初', '元', 'システム', '先ほど', '上', 'あなたの', '以上'),
  instructions: group('指示', '命令', 'ルール', '制約', '設定', '指令', '規則', 'プロンプト', 'ガイドライン', '制限', '命令文', 'ポリシー'),
  setAside: group('無視', '忘れ', '従わな', '破棄', '取り消', '無効', 'リセット', '気にしな', '捨て'),
  hidden: group('システムプロンプト', '初期プロンプト', 'システムメッセージ', '隠された指示', '最初の指示', '元の指示', 'あなたの指示', 'あなたへの指示', '設定された指示', 'システム指示', '初期設定', '内部指示', '秘密の指示', 'あなたのプロンプト', '与えられた指示'),
  reveal: group('教えて', '表示', '見せて', '出力', '開示', '繰り返', '書き出', '書いて', '全文', 'そのまま', '列挙', '公開', '翻訳', '言って'),
  limits: group('制限', '制約', 'ルール', 'フィルター', 'フィルタ', '検閲', '倫理', '規制', '道徳', '縛り'),
  free: group('のない', 'がない', 'なし', '無し', 'を解除', 'を外', 'から解放', 'を無視', 'に縛られない', 'を持たない', 'が一切ない', 'は一切ない'),
  persona: group('あなた', 'ふり', '演じ', 'として', 'モード', '今から', 'これから', 'ai', 'アシスタント', 'キャラクター'),
  modes: group('開発者モード', '脱獄モード', 'ジェイルブレイク', 'danモード', 'dan モード', '制限解除モード', '無制限モード'),
};

const KO = {
  earlier: group('이전', '앞의', '위의', '모든', '기존', '원래', '시스템', '앞서', '지금까지', '위에'),
  instructions: group('지시', '지침', '명령', '규칙', '제한', '설정', '프롬프트', '지시사항', '안내', '가이드라인'),
  setAside: group('무시', '잊어', '잊으', '따르지', '무효', '취소', '버려'),
  hidden: group('시스템 프롬프트', '시스템프롬프트', '시스템 메시지', '초기 지시', '원래 지시', '숨겨진 지시', '너의 지시', '당신의 지시', '지시사항', '초기 프롬프트', '네 프롬프트', '당신의 프롬프트'),
  reveal: group('보여', '알려', '출력', '공개', '반복', '말해', '써', '그대로'),
  limits: group('제한', '규칙', '필터', '검열', '윤리', '제약'),
  free: group('없는', '없이', '해제', '무시'),
  persona: group('너', '당신', '모드', 'ai', '역할', '척'),
  modes: group('개발자 모드', '개발자모드', '탈옥 모드', '탈옥모드', 'dan 모드', 'dan모드'),
};

const AR = {
  setAside: group('تجاهل', 'تجاهلي', 'تجاهلوا', 'انس', 'انسى', 'انسي', 'اهمل', 'أهمل', 'لا تتبع', 'لا تلتزم', 'تخط', 'تخطى', 'تجاوز'),
  instructions: group('التعليمات', 'تعليمات', 'الأوامر', 'الاوامر', 'أوامر', 'القواعد', 'قواعد', 'الإرشادات', 'الارشادات', 'التوجيهات', 'توجيهات', 'القيود', 'قيود'),
  reveal: group('أظهر', 'اظهر', 'اعرض', 'أعرض', 'اكشف', 'أخبرني', 'اخبرني', 'اطبع', 'كرر', 'أعطني', 'اعطني'),
  hidden: group('موجه النظام', 'تعليمات النظام', 'رسالة النظام', 'التعليمات الأصلية', 'التعليمات المخفية', 'تعليماتك', 'الموجه الأولي'),
  free: group('بدون أي', 'بدون', 'دون أي', 'دون', 'بلا'),
  limits: group('قيود', 'قواعد', 'رقابة', 'فلاتر', 'حدود'),
};

const HI = {
  earlier: group('पिछले', 'पिछली', 'पहले', 'सभी', 'सारे', 'ऊपर', 'मूल', 'सिस्टम', 'अपने'),
  instructions: group('निर्देश', 'नियम', 'आदेश', 'निर्देशों', 'नियमों', 'आदेशों', 'प्रतिबंध'),
  setAside: group('अनदेखा', 'नज़रअंदाज़', 'नजरअंदाज', 'भूल', 'मत मानो', 'न मानें', 'ध्यान न', 'उपेक्षा'),
  hidden: group('सिस्टम प्रॉम्प्ट', 'सिस्टम प्रोम्प्ट', 'मूल निर्देश', 'छिपे हुए निर्देश', 'अपने निर्देश', 'आपके निर्देश'),
  reveal: group('दिखाओ', 'दिखाएं', 'दिखाइए', 'बताओ', 'बताएं', 'बताइए', 'लिखो', 'दोहराओ', 'प्रकट'),
};

function scriptRule(reason: TextRule['reason'], weight: number, script: RegExp, pattern: RegExp): TextRule {
  if (reason !== Reason.INSTRUCTION_OVERRIDE) return { reason, weight, view: 'words', script, pattern };
  // Setting aside the delivery instructions or the old address notice is an errand (see business-topics.ts).
  const source = `(?<!${CJK_TOPIC.source})(?:${pattern.source})`;
  return { reason, weight, view: 'words', script, pattern: new RegExp(source, 'g'), accept: (match) => !CJK_TOPIC.test(match) };
}

const O = Reason.INSTRUCTION_OVERRIDE;
const X = Reason.SYSTEM_PROMPT_EXTRACTION;
const J = Reason.ROLE_PLAY_JAILBREAK;

export const SCRIPT_RULES: readonly TextRule[] = [
  scriptRule(O, 0.75, HAN_KANA, new RegExp(`${ZH.setAside}(?:(?!我)[^.!?\\n]){0,12}?${ZH.instructions}`)),
  scriptRule(O, 0.75, HAN_KANA, new RegExp(`${ZH.earlier}${near(8)}${ZH.instructions}${near(6)}${ZH.voided}`)),
  scriptRule(X, 0.8, HAN_KANA, new RegExp(`${ZH.reveal}${near(10)}${ZH.hidden}`)),
  scriptRule(X, 0.7, HAN_KANA, new RegExp(`${ZH.hidden}${near(4)}${ZH.whatIs}`)),
  scriptRule(X, 0.75, HAN_KANA, new RegExp(`${ZH.hidden}${near(8)}${ZH.reveal}`)),
  scriptRule(J, 0.55, HAN_KANA, new RegExp(ZH.modes)),
  scriptRule(O, 0.35, HAN_KANA, new RegExp(group('按照我说的做', '按照我說的做', '按我说的做', '照我说的做', '照我說的做', '只听我的', '只聽我的', '听我的命令', '只服从我', '只服從我', '私の言うことだけ', '私の指示だけ', '私の命令だけ'))),
  scriptRule(J, 0.65, HAN_KANA, either(`${ZH.free}${ZH.limits}`, ZH.persona, 15)),
  scriptRule(J, 0.6, HAN_KANA, new RegExp(`${group('你现在是', '你現在是', '扮演', '假装是', '假裝是', '成为', '成為')}${near(4)}dan`)),
  scriptRule(O, 0.75, HAN_KANA, new RegExp(`${JA.earlier}${near(10)}${JA.instructions}${near(8)}${JA.setAside}`)),
  scriptRule(O, 0.7, HAN_KANA, new RegExp(`${JA.instructions}${near(4)}${JA.setAside}`)),
  scriptRule(X, 0.75, HAN_KANA, new RegExp(`${JA.hidden}${near(12)}${JA.reveal}`)),
  scriptRule(J, 0.65, HAN_KANA, either(`${JA.limits}${near(4)}${JA.free}`, JA.persona, 20)),
  scriptRule(J, 0.55, HAN_KANA, new RegExp(JA.modes)),
  scriptRule(O, 0.75, HANGUL, new RegExp(`${KO.earlier}${near(12)}${KO.instructions}${near(10)}${KO.setAside}`)),
  scriptRule(X, 0.75, HANGUL, new RegExp(`${KO.hidden}${near(12)}${KO.reveal}`)),
  scriptRule(J, 0.65, HANGUL, either(`${KO.limits}${near(4)}${KO.free}`, KO.persona, 20)),
  scriptRule(J, 0.55, HANGUL, new RegExp(KO.modes)),
  scriptRule(O, 0.75, ARABIC, new RegExp(`${AR.setAside}${near(20)}${AR.instructions}`)),
  scriptRule(X, 0.75, ARABIC, new RegExp(`${AR.reveal}${near(20)}${AR.hidden}`)),
  scriptRule(J, 0.5, ARABIC, new RegExp(`${AR.free} ?${AR.limits}|وضع المطور`)),
  scriptRule(O, 0.75, DEVANAGARI, new RegExp(`${HI.earlier}${near(15)}${HI.instructions}${near(12)}${HI.setAside}`)),
  scriptRule(X, 0.75, DEVANAGARI, new RegExp(`${HI.hidden}${near(15)}${HI.reveal}`)),
];
