"""What pages tell their readers, in many languages: paywalls, newsletters, error reports, sharing.

Each family is one kind of page furniture written the way news sites write it in the major
news languages (English, German, French, Spanish, Portuguese, Italian, Dutch, Polish, Czech,
Latvian, Russian, Ukrainian, Turkish, Arabic, Persian, Hindi, Indonesian, Vietnamese, Thai,
Chinese, Japanese and Korean). A phrase alone is not taken as proof: the families are only
looked for in short lines, and those whose words a story could use too (a newsletter, cookies,
a privacy policy) also need the line to speak to the reader or about the site itself.
"""

from __future__ import annotations

import re
from enum import Enum

from factcheck.ingest.phrases import Phrases


class Notice(Enum):
    """A family of notices to readers."""

    PAYWALL = "paywall"
    """The rest of the story is for subscribers or members."""
    NEWSLETTER = "newsletter"
    """A newsletter or mailing-list sign-up, or its confirmation."""
    ERROR_REPORT = "error report"
    """An invitation to report a mistake in the article."""
    SHARE = "share"
    """A prompt to share, recommend or follow."""
    LEGAL = "legal"
    """Cookie, privacy, terms-of-use and comment-policy notices."""
    REPRINT = "reprint"
    """Copyright and reprint notices."""
    APP = "app"
    """A prompt to download the site's app."""


def _family(*patterns: str) -> re.Pattern[str]:
    """One pattern of the alternatives, to match a whole line or its start."""
    return re.compile("|".join(f"(?:{pattern})" for pattern in patterns), re.IGNORECASE)


def _searched(*patterns: str) -> Phrases:
    """The alternatives, to search a line for (see :class:`~factcheck.ingest.phrases.Phrases`),
    written in lower case to search a line folded by :func:`_folded`."""
    patterns = tuple(pattern.replace("ı", "i") for pattern in patterns)
    for pattern in patterns:
        if any(char.isupper() for char in re.sub(r"\\.", "", pattern)):
            raise ValueError(f"notice patterns are written in lower case: {pattern!r}")
    return Phrases(*patterns)


def _folded(text: str) -> str:
    """Text in lower case, for the patterns of :func:`_searched`, which are written in lower case
    and compiled to match case-sensitively: a search that ignores case takes 1.6 times as long.

    A dotless ``ı`` is an ``i`` and a dotted capital ``İ`` loses its dot, as they would match when
    case is ignored: Turkish written in capitals (``TÜM HAKLARI SAKLIDIR``) folds to ``i``.
    """
    return text.lower().replace("i\u0307", "i").replace("ı", "i")


# Notices whose phrases only a notice uses: looked for anywhere in a short line.
_PAYWALL_PHRASES = (
    # English
    r"\b(?:this|the) (?:article|story|content|feature) is (?:only )?(?:available )?(?:for|to|reserved for"
    r"|exclusive to) (?:paying |paid )?(?:subscribers|members)\b|\bsubscriber[- ]only (?:content|article"
    r"|story)\b|\bfor (?:paid )?subscribers only\b"
    r"|\b(?:subscribe|log in|sign in|register)(?: now)? to (?:continue|keep) reading\b"
    r"|\balready an? (?:subscriber|member)\b"
    r"|\byou(?:'ve| have) reached (?:your|the) (?:monthly |free )?(?:article )?limit\b",
    # German
    r"\b(?:nur|exklusiv) für (?:abonnent|abonnement|plus-leser|premium-?(?:kunden|leser|abonnent))"
    r"|\bbereits (?:abonnent|ein abo)|\bjetzt (?:weiterlesen|abonnieren)\b|\bweiterlesen mit\b"
    r"|\bsie haben (?:bereits )?ein abo",
    # French
    r"\bréservée? aux abonnés\b|\bil vous reste \d+ ?% de (?:cet|l')article"
    r"|\bdéjà abonnée?\b|\babonnez-vous pour (?:lire|continuer|poursuivre)\b"
    r"|\bla suite (?:de cet article )?est réservée\b",
    # Spanish, Portuguese, Italian
    r"\b(?:exclusivo|sólo|solo|reservado) (?:para|a) (?:suscriptores|abonados)\b"
    r"|\bsuscr[ií]bete (?:para|y) (?:seguir|continuar) leyendo\b|\bya eres (?:suscriptor|socio)\b"
    r"|\bexclusivo (?:para|de) assinantes\b|\b(?:assine|cadastre-se) para (?:continuar|ler)\b"
    r"|\bjá é assinante\b|\bconteúdo (?:exclusivo|restrito) (?:para|a) assinantes\b"
    r"|\briservat[oa] agli abbonati\b|\babbonati per (?:continuare|leggere)\b|\bsei già abbonato\b",
    # Dutch, Polish, Czech, Latvian
    r"\balleen voor (?:abonnees|leden)\b|\bben je al abonnee\b|\blees verder met\b"
    r"|\btylko dla (?:subskrybentów|prenumeratorów|abonentów)\b|\bwykup (?:dostęp|subskrypcję)\b"
    r"|\b(?:pouze|jen) pro předplatitele\b|\bpředplaťte si\b|\bjste předplatitel"
    r"|\b(?:tikai|pieejams) abonentiem\b|\blai turpinātu lasīt\b",
    # Russian, Ukrainian, Turkish
    r"\b(?:только|доступно только|доступен только) (?:для )?подписчик|\bоформите подписку\b"
    r"|\bчтобы (?:продолжить чтение|прочитать (?:статью|материал) полностью)"
    r"|\bлише для передплатників\b|\bоформіть передплату\b|\bщоб продовжити читання\b"
    r"|\babonelere özel\b|\bokumaya devam etmek için\b|\bzaten abone misiniz\b",
    # Arabic, Persian, Hindi, Indonesian, Vietnamese
    r"للمشتركين فقط|حصري(?:اً|ا|ة)? للمشتركين|اشترك (?:الآن )?ل(?:متابعة|مواصلة) القراءة"
    r"|ویژه مشترکان|فقط برای مشترکان|केवल (?:सब्सक्राइबर|सदस्यों)|पढ़ना जारी रखने के लिए"
    r"|\b(?:konten|artikel|berita) khusus (?:pelanggan|member|anggota)\b"
    r"|\bberlangganan untuk (?:membaca|melanjutkan)\b"
    r"|dành riêng cho (?:thành viên|độc giả|người đăng ký)|đăng ký để đọc tiếp",
    # Chinese, Japanese, Korean
    r"付费(?:阅读|閱讀)|(?:会员|會員|订户|訂戶)(?:专享|專享|專屬|专属)|订阅(?:后|後)(?:阅读|閱讀)"
    r"|訂閱(?:後|后)(?:閱讀|阅读)|登录后(?:阅读|查看)全文|开通会员(?:后|即可)|開通會員(?:後|即可)"
    r"|有料会員(?:限定|の方のみ|になると)|会員限定|続きをお読み|続きを読むには|この記事は(?:有料|会員)"
    r"|(?:유료 ?회원|구독자|회원) 전용",
)
_PAYWALL = _searched(*_PAYWALL_PHRASES)
_ERROR_REPORT_PHRASES = (
    r"\breport an? (?:error|typo|mistake)\b|\b(?:spotted|found|notice|see) an? (?:error|typo|mistake)\b"
    r"|\bsubmit a correction\b|\bctrl\s*\+\s*enter\b",
    r"\bfehler (?:melden|gefunden|entdeckt)\b|\bhaben sie einen fehler",
    r"\bsignaler une (?:erreur|faute|coquille)\b|\bvous avez (?:repéré|trouvé|vu) une (?:erreur|faute)",
    r"\b(?:reportar|reporta|notificar|avisar de) (?:un )?error\b"
    r"|\b(?:has )?(?:encontrado|visto|detectado) (?:un|algún) error\b",
    r"\b(?:reportar|comunicar|informar|notificar) (?:um )?erro\b|\bencontrou (?:um|algum) erro\b",
    r"\bsegnala(?:re|ci)? (?:un )?errore\b|\bhai (?:trovato|notato) un errore\b",
    r"\bfout (?:gezien|gevonden|melden)\b|\bzie je een fout\b",
    r"\bzgłoś (?:błąd|literówkę)\b|\b(?:zauważyłeś|zauważyłaś|znalazłeś|znalazłaś) błąd\b",
    r"\bnahlásit chybu\b|\bzaznamenali (?:jste )?chybu\b|\bnašli jste chybu\b|\bchyba v článku\b",
    r"\bkļūda rakstā\b|\bziņot par kļūdu\b",
    r"\bсообщить об ошибке\b|\b(?:нашли|заметили) ошибку\b|\bошибка в тексте\b",
    r"\bповідомити про помилку\b|\b(?:знайшли|помітили) помилку\b",
    r"\bhata bildir|الإبلاغ عن خطأ|أبلغ عن خطأ|\blaporkan kesalahan\b|\bbáo lỗi\b",
    r"纠错|糾錯|报错|報錯|誤字脱字|오류 ?(?:신고|제보)",
)
_ERROR_REPORT = _searched(*_ERROR_REPORT_PHRASES)
_REPRINT_PHRASES = (
    r"\ball rights reserved\b|\balle rechte vorbehalten\b|\bnachdruck (?:nur )?mit (?:genehmigung|erlaubnis)"
    r"|\btous droits réservés\b|\breproduction (?:interdite|réservée)\b|\btodos los derechos reservados\b"
    r"|\b(?:prohibida|queda prohibida) (?:su|la) reproducción\b|\btodos os direitos reservados\b"
    r"|\bé proibida a reprodução\b|\briproduzione riservata\b|\btutti i diritti riservati\b"
    r"|\balle rechten voorbehouden\b|\bwszelkie prawa zastrzeżone\b|\bvšechna práva vyhrazena\b"
    r"|\bvisas tiesības aizsargātas\b|\bвсе права защищены\b|\bвсі права захищені\b"
    r"|\bперепечатка (?:материалов )?(?:запрещена|без)|\btüm hakları saklıdır\b|جميع الحقوق محفوظة"
    r"|\bhak cipta dilindungi\b|版权所有|版權所有|禁止转载|禁止轉載|未经授权.{0,8}转载|无断转载|無断転載"
    r"|転載・複製|転載を禁|무단 ?(?:전재|복제)|재배포 ?금지",
)
_REPRINT = _searched(*_REPRINT_PHRASES)
_APP_PHRASES = (
    r"\bdownload (?:our|the|your(?: new)?) app\b|\bget (?:our|the) app\b|\bapp herunterladen\b"
    r"|\btélécharge[zr]? (?:notre |l')application\b|\bdescarga (?:la|nuestra) app\b|\bbaixe o app\b"
    r"|\bscarica l'app\b|\bdownload de app\b|\bpobierz aplikację\b|\bstáhněte si aplikaci\b"
    r"|\bскачайте приложение\b|\bзавантажте застосунок\b|\buygulamayı indir|حمّل التطبيق|حمل التطبيق"
    r"|\bunduh aplikasi\b|\btải ứng dụng\b|下载客户端|下载app|下載app|アプリをダウンロード|앱 ?다운로드",
)
_APP = _searched(*_APP_PHRASES)
# Prompts that make up the whole of a short line: the verb alone, or with "this article", "on X".
_SHARE = re.compile(
    r"^\W*(?:share(?: this(?: article| story| page)?| (?:on|via) \w+| the story)?"
    r"|(?:artikel |beitrag )?teilen(?: sie)?(?: (?:diesen|den) artikel| (?:auf|per) \w+)?"
    r"|partager(?: cet article| l'article| (?:sur|par) \w+)?|compartir(?: (?:este|el) artículo| en \w+)?"
    r"|compártelo|compartilh(?:e|ar)(?: (?:este|esta|o) \w+| no \w+)?|partilhar(?: no \w+)?"
    r"|condividi(?: questo articolo| l'articolo| su \w+)?|deel (?:dit(?: artikel)?|via \w+|op \w+)|delen"
    r"|udostępnij(?: \w+)?|podziel się|sdílet(?: článek| na \w+)?|sdílejte|dalies(?: \S+)?"
    r"|iesaki(?: šo rakstu)?|поделиться(?: \S+)?|поделитесь(?: \S+){0,2}|поділитися(?: \S+)?"
    r"|paylaş(?:ın)?|شارك(?: \S+)?|bagikan(?: \S+){0,2}|chia sẻ(?: \S+){0,2}|分享(?:到|至)?"
    r"|(?:この記事を)?シェア(?:する)?|공유(?:하기)?"
    r"|follow us(?: on \w+)?|folg(?:en sie|e) uns(?: auf \w+)?|suivez-nous(?: sur \w+)?"
    r"|síguenos(?: en \w+)?|siga-nos(?: no \w+)?|seguici(?: su \w+)?|volg ons(?: op \w+)?"
    r"|obserwuj nas|sledujte nás|seko mums|подписывайтесь на нас|підписуйтесь на нас"
    r"|bizi takip edin|تابعونا|تابعنا|ikuti kami|theo dõi chúng tôi|关注我们|關注我們)\W*$",
    re.IGNORECASE,
)
# Words that a story may use too: the line must also speak to the reader or about the site.
_NEWSLETTER_WORDS_PHRASES = (
    r"\bnewsletters?\b|\bnieuwsbrief|\bboletín|\bboletim\b|\blettre d'information\b|\binfolettre"
    r"|\bvēstkop|\bрассылк|\bрозсилк|\be?-?bülten|النشرة (?:الإخبارية|البريدية)|خبرنامه"
    r"|न्यूज़लेटर|\bbản tin\b|电子报|邮件订阅|メールマガジン|メルマガ|ニュースレター|뉴스레터"
    r"|\bin your inbox\b|\bsign up for (?:our|the|a)\b",
)
_NEWSLETTER_WORDS = _searched(*_NEWSLETTER_WORDS_PHRASES)
_LEGAL_WORDS_PHRASES = (
    r"\bcookies?\b|\bsīkdatnes?\b|\bciasteczk|\bкуки\b|\bçerez|ملفات تعريف الارتباط|\bクッキー|쿠키"
    r"|\bprivacy policy\b|\bdatenschutz|\bpolitique de confidentialité\b|\bpolítica de privacidad"
    r"|\bpolítica de privacidade\b|\binformativa (?:sulla )?privacy\b|\bprivacybeleid\b"
    r"|\bpolityk[ai] prywatności\b|\bochran[ay] osobních údajů\b|\bprivātuma politik"
    r"|\bполитик[аи] конфиденциальности\b|\bполітик[аи] конфіденційності\b|\bgizlilik politikası"
    r"|سياسة الخصوصية|حریم خصوصی|गोपनीयता नीति|\bkebijakan privasi\b|chính sách bảo mật"
    r"|隐私政策|隱私權政策|プライバシーポリシー|개인정보처리방침"
    r"|\bterms of (?:use|service)\b|\bnutzungsbedingungen\b|\bconditions d'utilisation\b"
    r"|\btérminos de uso\b|\btermos de uso\b|\bgebruiksvoorwaarden\b|\bregulamin\b"
    r"|\bpodmínky užívání\b|\blietošanas noteikum|\bпользовательское соглашение\b"
    r"|\bумови використання\b|\bkullanım koşulları\b|شروط (?:ال)?استخدام|شرایط استفاده"
    r"|उपयोग की शर्तें|\bsyarat penggunaan\b|điều khoản sử dụng|使用条款|利用規約|이용약관"
    r"|\bcomment(?:ing)? (?:policy|guidelines)\b|إرشادات الاستخدام"
    r"|\bdo(?:es)? not (?:necessarily )?(?:reflect|represent) the (?:views|opinions?)\b"
    r"|لا (?:تعبر|يعبر) (?:بالضرورة )?عن (?:رأي|وجهة نظر)"
    r"|\bne reflètent pas (?:nécessairement )?l'opinion\b|\bn'engagent que leurs auteurs\b"
    r"|\bno (?:reflejan?|representan?) (?:necesariamente )?la opinión\b",
)
_LEGAL_WORDS = _searched(*_LEGAL_WORDS_PHRASES)
# Any of the families' phrases or words, searched first: one search of a line that has none of
# them instead of one search per family (the phrases are rare, and most lines have none).
_ANY_FAMILY = _searched(
    *_PAYWALL_PHRASES,
    *_ERROR_REPORT_PHRASES,
    *_REPRINT_PHRASES,
    *_APP_PHRASES,
    *_NEWSLETTER_WORDS_PHRASES,
    *_LEGAL_WORDS_PHRASES,
)
# The page speaking to its reader: the second person, a sign-up or confirm verb, an exclamation.
_READER = _searched(
    r"\b(?:you|your|sie|ihre?n?|du|dein|vous|votre|vos|usted|tu|tus|você|seu|sua|voi|vostr[oa]|jij"
    r"|je|jouw|uw|wasz|váš|vaše|tev|jūs|jums|вы|ваш[аеи]?|вам|ви|siz|sizin|anda|bạn)\b"
    r"|您|你|あなた|皆様|皆さま|여러분"
    r"|\b(?:sign up|subscribe|abonnieren|anmelden|inscri(?:vez|s|re)|suscr[ií]bete|assine|inscreva"
    r"|iscriviti|aanmelden|zapisz|přihlaste|odebírejte|piesakies|pieteikties|parakstī\w*|подпишитесь"
    r"|підпишіться|abone ol|berlangganan|đăng ký|confirm|bestätigen|bevestig|potwierdź|potvrďte"
    r"|apstiprin\w*|подтвердите|підтвердіть|onayla)\b"
    r"|اشترك|订阅|訂閱|登録|購読|구독|!",
)
# The page speaking about itself: the site, or the "we" of its editors.
_SITE = _searched(
    r"\b(?:site|website|webseite|sitio|sito|portal|portāl\w*|strona|stránk\w*|vietne|сайт\w*|situs"
    r"|trang)\b|موقع|سایت|साइट|网站|網站|サイト|사이트",
)
_WE = _searched(
    r"\b(?:we|our|wir|unser(?:e[nm]?)?|nous|notre|nos|nuestr[oa]s?|nosso|nossa|noi|nostr[oa]|wij"
    r"|ons|onze|nasz[ae]?|náš|naše|mēs|mūsu|мы|наш[аеи]?|нам|ми|biz|bizim|kami|chúng tôi)\b"
    r"|我们|我們|私たち|저희",
)
# Whole-line markers after which a page carries other stories.
_RELATED = _family(
    r"(?:das )?könnte sie (?:auch )?interessieren|lesen sie (?:auch|mehr)|mehr zum thema|weitere artikel"
    r"|verwandte artikel|auch interessant|meistgelesen\w*",
    r"(?:à|a) lire aussi|lire aussi|sur le même sujet|articles? (?:liés|similaires|connexes)"
    r"|à voir aussi|les plus lus",
    r"(?:lee|lea) también|(?:también )?te puede interesar|noticias relacionadas|artículos relacionados"
    r"|más noticias|lo más leído|más leíd[oa]s",
    r"leia (?:também|mais)|notícias relacionadas|veja também|mais notícias|artigos relacionados"
    r"|mais lid[oa]s|você (?:pode|também pode) gostar",
    r"leggi anche|articoli correlati|(?:ti )?potrebbe interessar(?:ti|e)|notizie correlate|più lett[ie]",
    r"lees ook|gerelateerde artikelen|ook interessant|meest gelezen",
    r"(?:czytaj|zobacz) (?:też|także|również)|powiązane artykuły|polecamy|najczęściej czytane",
    r"čtěte (?:také|též|dále)|související (?:články|zprávy)|mohlo by vás zajímat|další články|nejčtenější",
    r"lasi arī|saistītie raksti|vēl par tēmu|iesakām izlasīt|lasītākie",
    r"читайте (?:также|тоже)|по теме|похожие (?:статьи|новости)|смотрите также|ещ[её] по теме"
    r"|самое читаемое|читайте також|схожі новини|дивіться також",
    r"ilgili haberler|bunlar da ilginizi çekebilir|benzer haberler|en çok okunanlar",
    r"اقرأ (?:أيضا|أيضاً|ايضا)|(?:مواضيع|أخبار|مقالات) (?:ذات صلة|متعلقة)|قد يهمك|الأكثر قراءة"
    r"|بیشتر بخوانید|مطالب مرتبط|اخبار مرتبط|(?:ये )?भी पढ़ें|संबंधित (?:खबरें|ख़बरें|लेख)",
    r"baca (?:juga|selengkapnya)|berita terkait|artikel terkait|(?:xem|đọc) thêm|tin liên quan"
    r"|bài viết liên quan|เรื่องที่เกี่ยวข้อง|ข่าวที่เกี่ยวข้อง|อ่านเพิ่มเติม|บทความที่เกี่ยวข้อง",
    r"相关(?:新闻|阅读|文章|报道)|相關(?:新聞|閱讀|文章|報導)|延伸阅读|延伸閱讀|推荐阅读|推薦閱讀"
    r"|关联(?:新闻|阅读)|関連(?:記事|ニュース)|あわせて読みたい|こちらもおすすめ|おすすめ記事"
    r"|관련 ?기사|관련 ?뉴스|추천 ?기사|많이 본 뉴스",
)
# Whole-line markers of the comment section.
_COMMENTS = _family(
    r"(?:\d+\s+)?(?:reacties|komentarze|komentāri|komentáře|комментарии|коментарі|yorumlar"
    r"|نظرات|टिप्पणियाँ|टिप्पणियां|komentar|bình luận|评论|評論|留言|コメント|댓글)"
)
# Labels that open a caption's credit or a byline.
_CREDIT_LABEL = _family(
    r"^\W*(?:photo|foto|fotos|fotografía|image|imagen|imagem|immagine|bild|beeld|zdjęcie|fot\."
    r"|фото|фотография|fotoğraf|صورة|الصورة|عکس|फोटो|तस्वीर|gambar|ảnh|图片|圖片|图|圖|写真|画像|사진"
    r"|source|quelle|fuente|fonte|bron|źródło|zdroj|avots|источник|джерело|kaynak|المصدر|منبع"
    r"|स्रोत|sumber|nguồn|来源|來源|出典|출처|video|vídeo|видео|відео|فيديو|视频|影片|動画|영상"
    r"|credit|crédit|crédito|credito|bildnachweis|ilustrační foto|illustration)\s*[:：=]",
)
_BYLINE_LABEL = _family(
    r"^\W*(?:autor(?:es|as|i|zy|ka)?|autoři|auteurs?|autore|authors?|автор[иы]?|yazar|penulis"
    r"|tác giả|作者|撰文|记者|記者|기자|글)\s*[:：]"
)

_SHORT = 40
"""Notices are looked for only in lines of up to this many words..."""
_LEGAL_SHORT = 70
"""... and legal notices, which run longer, in lines of up to this many."""
_PROMPT_WORDS = 10


def notice(text: str, words: int) -> Notice | None:
    """The family of notice a line of a page belongs to, if any.

    Args:
        text: The line.
        words: Its length in words (estimated for scripts without spaces).
    """
    if words > _LEGAL_SHORT or text[:1] in '"“„«':
        return None
    line = _folded(text)
    if _ANY_FAMILY.search(line) is None:
        return Notice.SHARE if words <= _PROMPT_WORDS and _SHARE.match(text) else None
    if words > _SHORT:
        return Notice.LEGAL if _LEGAL_WORDS.search(line) and _to_reader(line) else None
    if _PAYWALL.search(line):
        return Notice.PAYWALL
    if _ERROR_REPORT.search(line):
        return Notice.ERROR_REPORT
    if _REPRINT.search(line):
        return Notice.REPRINT
    if words <= _PROMPT_WORDS and _SHARE.match(text):
        return Notice.SHARE
    # The words of these families a story may use too: the line must also speak to the reader
    # or of the site (a newsletter prompt may also speak as the site's editors, "we send it
    # weekly"). The words are looked for first: they are rarer.
    if _NEWSLETTER_WORDS.search(line) and (_to_reader(line) or _WE.search(line)):
        return Notice.NEWSLETTER
    if _LEGAL_WORDS.search(line) and _to_reader(line):
        return Notice.LEGAL
    if _APP.search(line) and _to_reader(line):
        return Notice.APP
    return None


def _to_reader(line: str) -> bool:
    """Whether a line, folded to lower case, speaks to the reader or of the site."""
    return _READER.search(line) is not None or _SITE.search(line) is not None


def is_related_marker(text: str) -> bool:
    """Whether a whole line announces other stories ("Lesen Sie auch", "相关新闻")."""
    return _RELATED.fullmatch(text) is not None


def is_comments_marker(text: str) -> bool:
    """Whether a whole line opens the comment section ("Komentáře", "评论")."""
    return _COMMENTS.fullmatch(text) is not None


def is_credit(text: str) -> bool:
    """Whether a line opens with a credit label ("Foto: ...", "图片来源：...")."""
    return _CREDIT_LABEL.match(text) is not None


def is_byline_label(text: str) -> bool:
    """Whether a line opens with a byline label ("Autori: ...", "作者：...")."""
    return _BYLINE_LABEL.match(text) is not None
