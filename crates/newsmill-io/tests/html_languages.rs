//! Pages in German, French, Spanish, Russian and Chinese, written for this
//! test, each with the furniture of a news site in its language (menu,
//! sharing bar, cookie notice, related stories, footer): the main text
//! comes out whole and none of the furniture does, as on English pages.

use newsmill_io::html::{HtmlOptions, extract};

struct Page {
    lang: &'static str,
    title: &'static str,
    paragraphs: [&'static str; 4],
    menu: [&'static str; 5],
    share: &'static str,
    cookie: &'static str,
    related_heading: &'static str,
    related: [&'static str; 3],
    footer: &'static str,
}

const PAGES: &[Page] = &[
    Page {
        lang: "de",
        title: "Stadtrat beschließt neue Brücke über die Elbe",
        paragraphs: [
            "Der Stadtrat hat am Donnerstagabend mit großer Mehrheit den Bau einer neuen Brücke über die Elbe beschlossen. Die Arbeiten sollen im kommenden Frühjahr beginnen und etwa drei Jahre dauern.",
            "Die alte Brücke aus den sechziger Jahren ist seit langem marode. Im vergangenen Winter musste sie zweimal für Lastwagen gesperrt werden, weil Gutachter Risse in den Pfeilern gefunden hatten.",
            "„Wir haben lange genug gewartet“, sagte die Oberbürgermeisterin nach der Abstimmung. Die Kosten von rund 80 Millionen Euro sollen zur Hälfte vom Land getragen werden.",
            "Anwohner hatten in den vergangenen Monaten mehrfach gegen den Lärm der Umleitungen protestiert. Die Stadt verspricht nun, die Bauzeiten auf den Tag zu beschränken und die Umleitungen besser auszuschildern.",
        ],
        menu: ["Startseite", "Politik", "Wirtschaft", "Sport", "Kultur"],
        share: "Artikel teilen",
        cookie: "Wir verwenden Cookies, um Ihnen das beste Nutzererlebnis zu bieten. Mit der Nutzung dieser Seite stimmen Sie zu.",
        related_heading: "Mehr zum Thema",
        related: [
            "Verkehrschaos nach Sperrung der Elbbrücke",
            "Land sagt Millionen für Straßenbau zu",
            "Bürger protestieren gegen Umleitung",
        ],
        footer: "© 2024 Elbtal-Kurier. Alle Rechte vorbehalten. Impressum Datenschutz Kontakt",
    },
    Page {
        lang: "fr",
        title: "Le conseil municipal adopte un nouveau plan pour les transports",
        paragraphs: [
            "Le conseil municipal a adopté mardi soir un plan de transports qui prévoit trois nouvelles lignes de tramway d'ici à 2030. Le vote a été acquis par trente et une voix contre douze.",
            "Les travaux de la première ligne, qui reliera la gare au quartier de l'université, commenceront au printemps prochain. La ville estime que dix mille voyageurs l'emprunteront chaque jour.",
            "« C'est une décision attendue depuis des années », a déclaré la maire à l'issue de la séance. L'opposition a dénoncé un coût qu'elle juge sous-estimé et réclame un audit indépendant.",
            "Le financement sera partagé entre la métropole, la région et l'État. Les commerçants du centre-ville, inquiets des chantiers, obtiendront des aides pendant toute la durée des travaux.",
        ],
        menu: ["Accueil", "Politique", "Économie", "Sports", "Culture"],
        share: "Partager cet article",
        cookie: "Ce site utilise des cookies pour améliorer votre expérience. En poursuivant votre navigation, vous acceptez leur utilisation.",
        related_heading: "À lire aussi",
        related: [
            "Tramway : les riverains inquiets du chantier",
            "La région débloque des fonds pour les transports",
            "Embouteillages record sur le périphérique",
        ],
        footer: "© 2024 Le Courrier du Val. Tous droits réservés. Mentions légales Contact",
    },
    Page {
        lang: "es",
        title: "El ayuntamiento aprueba un plan para renovar el puerto",
        paragraphs: [
            "El pleno del ayuntamiento aprobó el miércoles un plan de renovación del puerto que costará unos cuarenta millones de euros. La votación salió adelante con el apoyo de tres grupos municipales.",
            "Las obras comenzarán en otoño y se prolongarán durante dos años. El proyecto incluye un nuevo muelle para pesqueros, un paseo marítimo y la reforma de la antigua lonja.",
            "«Es el mayor cambio del puerto en medio siglo», dijo el alcalde tras la sesión. Los pescadores pidieron garantías de que podrán seguir trabajando mientras duren las obras.",
            "La oposición criticó que el plan no incluya viviendas asequibles en los terrenos liberados. El gobierno municipal respondió que esa cuestión se debatirá en un plan urbanístico aparte.",
        ],
        menu: ["Portada", "Política", "Economía", "Deportes", "Cultura"],
        share: "Compartir esta noticia",
        cookie: "Utilizamos cookies propias y de terceros para mejorar nuestros servicios. Si continúa navegando, acepta su uso.",
        related_heading: "Noticias relacionadas",
        related: [
            "Los pescadores temen por su futuro en el puerto",
            "El puerto bate su récord de cruceros",
            "Nueva línea de autobús hasta la playa",
        ],
        footer: "© 2024 Diario de la Costa. Todos los derechos reservados. Aviso legal Contacto",
    },
    Page {
        lang: "ru",
        title: "Городская дума одобрила строительство новой школы",
        paragraphs: [
            "Городская дума в четверг одобрила строительство новой школы на тысячу учеников в северном районе. За решение проголосовали двадцать семь депутатов, против выступили трое.",
            "Строительство начнётся весной и должно завершиться к сентябрю следующего года. В районе за последние пять лет построили несколько жилых кварталов, а школ не прибавилось.",
            "«Дети сейчас учатся в две смены, так больше продолжаться не может», — сказал глава комитета по образованию. По его словам, часть денег выделит региональный бюджет.",
            "Жители района давно добивались решения. Они собрали несколько тысяч подписей и дважды выходили на встречи с руководством города, требуя ускорить проектирование.",
        ],
        menu: ["Главная", "Политика", "Экономика", "Спорт", "Культура"],
        share: "Поделиться новостью",
        cookie: "Мы используем файлы cookie, чтобы сайт работал лучше. Продолжая пользоваться сайтом, вы соглашаетесь с этим.",
        related_heading: "Читайте также",
        related: [
            "В северном районе откроют новую поликлинику",
            "Депутаты обсудили бюджет на следующий год",
            "Жители требуют построить детский сад",
        ],
        footer: "© 2024 Городские вести. Все права защищены. Контакты Реклама",
    },
    Page {
        lang: "zh",
        title: "市政府宣布扩建城市公园",
        paragraphs: [
            "市政府周二宣布，将在明年春天开始扩建城东公园，新增面积约二十公顷。扩建工程预计耗时两年，总投资约三亿元。",
            "新公园将建设湿地、自行车道和儿童游乐区。负责规划的官员表示，设计方案参考了市民在去年征求意见时提出的建议。",
            "“我们希望每个居民步行十五分钟就能到达一个公园，”副市长在新闻发布会上说。她表示，市政府还将在其他三个区规划类似项目。",
            "附近居民对这一消息表示欢迎，但也有人担心施工期间的噪音和交通问题。市政府承诺将限制夜间施工，并为周边道路增设临时停车位。",
        ],
        menu: ["首页", "政治", "经济", "体育", "文化"],
        share: "分享本文",
        cookie: "本网站使用Cookie来改善您的浏览体验。继续浏览即表示您同意我们使用Cookie。",
        related_heading: "相关新闻",
        related: [
            "城西新建两座体育馆",
            "市民热议公园开放时间",
            "地铁新线路今年底通车",
        ],
        footer: "© 2024 城市日报 版权所有 联系我们 广告服务",
    },
];

fn html(p: &Page) -> String {
    let menu: String = p
        .menu
        .iter()
        .enumerate()
        .map(|(i, m)| format!(r#"<li><a href="/s{i}">{m}</a></li>"#))
        .collect();
    let related: String = p
        .related
        .iter()
        .enumerate()
        .map(|(i, r)| format!(r#"<li><a href="/a{i}">{r}</a></li>"#))
        .collect();
    let paras: String = p.paragraphs.iter().map(|x| format!("<p>{x}</p>")).collect();
    format!(
        r#"<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title></head><body>
<div class="cookie-banner"><p>{cookie}</p><button>OK</button></div>
<header><nav><ul>{menu}</ul></nav></header>
<main><article><h1>{title}</h1>
<div class="share-tools"><a href="/share/fb">Facebook</a> <a href="/share/x">X</a> <span>{share}</span></div>
{paras}
</article>
<aside><h2>{related_heading}</h2><ul>{related}</ul></aside></main>
<footer><p>{footer}</p></footer></body></html>"#,
        lang = p.lang,
        title = p.title,
        cookie = p.cookie,
        share = p.share,
        related_heading = p.related_heading,
        footer = p.footer,
    )
}

#[test]
fn pages_in_five_languages_give_their_story_without_the_furniture() {
    for p in PAGES {
        let page = extract(html(p).as_bytes(), &HtmlOptions::default())
            .unwrap_or_else(|e| panic!("{}: {e}", p.lang));
        assert_eq!(page.language.as_deref(), Some(p.lang));
        let got: Vec<&str> = page.text.split("\n\n").collect();
        assert_eq!(got, p.paragraphs, "{}: main text", p.lang);
        let furniture = p.menu.iter().chain(&p.related).chain([
            &p.share,
            &p.cookie,
            &p.related_heading,
            &p.footer,
            &p.title,
        ]);
        for f in furniture {
            assert!(!page.text.contains(f), "{}: {f:?} in the text", p.lang);
        }
    }
}
