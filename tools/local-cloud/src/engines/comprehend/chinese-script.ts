/**
 * Tells Traditional from Simplified Chinese, which Comprehend reports as
 * `zh-TW` and `zh`: counts characters that exist in only one of the two
 * scripts (frequent pairs such as 们/們, 这/這, 国/國). Pure.
 */
const SIMPLIFIED = '们这个说时国会来对学还为么后开过发经问见长车门东马鸟书买卖语话认让识请谁读调贝页风飞钱铁银号电视网络线红绿颜乐欢机关于与无难岁区医药'; // prettier-ignore
const TRADITIONAL = '們這個說時國會來對學還為麼後開過發經問見長車門東馬鳥書買賣語話認讓識請誰讀調貝頁風飛錢鐵銀號電視網絡線紅綠顏樂歡機關於與無難歲區醫藥'; // prettier-ignore

const simplifiedSet = new Set(SIMPLIFIED);
const traditionalSet = new Set(TRADITIONAL);

/** `zh-TW` when Traditional-only characters outnumber Simplified-only ones, else `zh`. */
export function chineseVariant(text: string): 'zh' | 'zh-TW' {
  let simplified = 0;
  let traditional = 0;
  for (const ch of text) {
    if (simplifiedSet.has(ch)) simplified++;
    else if (traditionalSet.has(ch)) traditional++;
  }
  return traditional > simplified ? 'zh-TW' : 'zh';
}
