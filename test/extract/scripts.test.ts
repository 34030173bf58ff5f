// Head lines in other scripts (review 5 item 9): a short headline in Cyrillic, Greek, Arabic, Devanagari or
// CJK is the title like an English one, never "page header or menu"; sentence ends of those scripts count.
import { describe, expect, it } from 'vitest';
import { extract } from '../../src/extract/index.js';
import { decodeBytes } from '../../src/extract/encoding.js';
import iconv from 'iconv-lite';

const story = (headline: string, ...paragraphs: string[]) => [headline, '', ...paragraphs.flatMap((p) => [p, ''])].join('\n');

describe('headlines in any script', () => {
  const cases: [string, string, string][] = [
    ['en', 'Oil capped', 'BP said on Thursday that the leaking well in the Gulf of Mexico had been capped, and no oil was flowing into the sea for the first time in months.'],
    ['ru', 'Скважина закрыта', 'Нефтяная компания BP заявила в четверг, что скважина в Мексиканском заливе закрыта. Представитель компании сообщил журналистам, что утечка нефти остановлена впервые с апреля.'],
    ['el', 'Το πηγάδι σφραγίστηκε', 'Η BP ανακοίνωσε την Πέμπτη ότι το πηγάδι που διέρρεε στον Κόλπο του Μεξικού σφραγίστηκε και για πρώτη φορά εδώ και μήνες δεν ρέει πετρέλαιο στη θάλασσα.'],
    ['ar', 'أغلق البئر', 'قالت شركة بي بي يوم الخميس إن البئر المتسربة في خليج المكسيك قد أغلقت، ولم يعد النفط يتدفق إلى البحر لأول مرة منذ أشهر.'],
    ['hi', 'कुआं बंद', 'बीपी ने गुरुवार को कहा कि मैक्सिको की खाड़ी में रिसाव वाला कुआं बंद कर दिया गया है। महीनों में पहली बार समुद्र में तेल नहीं बह रहा है।'],
    ['zh', '油井封堵', '英国石油公司周四表示，墨西哥湾泄漏的油井已被封堵，数月来首次没有石油流入大海。'],
    ['he', 'נסגרה הבאר', 'חברת BP הודיעה ביום חמישי כי הבאר הדולפת במפרץ מקסיקו נסגרה, ולראשונה מזה חודשים לא זורם נפט לים.'],
    ['ja', '原油流出止まる', '英石油大手BPは木曜日、メキシコ湾で漏れていた油井をふさいだと発表した。数カ月ぶりに海への原油流出が止まった。'],
    ['th', 'ปิดบ่อน้ำมันแล้ว', 'บีพีกล่าวเมื่อวันพฤหัสบดีว่า บ่อน้ำมันที่รั่วในอ่าวเม็กซิโกถูกปิดแล้ว และไม่มีน้ำมันไหลลงสู่ทะเลเป็นครั้งแรกในรอบหลายเดือน บริษัทระบุว่าจะติดตามสถานการณ์ต่อไปอย่างใกล้ชิด'],
    ['ko', '유정 봉쇄', 'BP는 목요일 멕시코만에서 누출되던 유정이 봉쇄되었으며 몇 달 만에 처음으로 바다로 기름이 흘러나오지 않고 있다고 밝혔다.'],
  ];
  for (const [lang, headline, lede] of cases) {
    it(`keeps the short headline of a ${lang} text as its title`, () => {
      const a = extract({ text: story(headline, lede, lede.replace(/^\S+/, '—')) });
      expect(a.title).toBe(headline);
      expect(a.removed.filter((r) => r.reason === 'page header or menu')).toEqual([]);
      expect(a.text.startsWith(lede)).toBe(true);
    });
  }

  it('reads a windows-1251 .txt file the same way', () => {
    const bytes = iconv.encode(story(cases[1]![1], cases[1]![2]), 'win1251');
    const { text, encoding } = decodeBytes(bytes, {});
    expect(encoding).toBe('windows-1251');
    expect(extract({ text }).title).toBe('Скважина закрыта');
  });

  it('still drops a run of short menu lines above the text, in any script', () => {
    const a = extract({ text: story('Главная', 'Новости', 'Спорт', cases[1]![2]) });
    expect(a.title).toBe('');
    expect(a.text.startsWith('Нефтяная компания BP')).toBe(true);
  });

  it('takes no byline, agency or page label standing alone above the text for its title (review 8 F6)', () => {
    const lede = cases[0]![2];
    for (const head of ['Jane Doe', 'Reuters Staff', 'Associated Press', 'Breaking News', 'Photo gallery', 'Video report', 'Live updates', 'Share this', 'Иван Петров', 'Последние новости']) {
      const a = extract({ text: story(head, lede, 'The company said it would keep watching the well for signs of new leaks.') });
      expect(a.title, head).toBe('');
      expect(a.text.startsWith(lede), head).toBe(true);
    }
  });

  it('ends sentences with the danda and the Arabic question mark', () => {
    const hindi = extract({ text: story('मेनू', 'बीपी ने गुरुवार को कहा कि मैक्सिको की खाड़ी में रिसाव वाला कुआं बंद कर दिया गया है।', 'समाचार') });
    expect(hindi.text).toContain('बंद कर दिया गया है।');
  });
});
