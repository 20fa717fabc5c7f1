/**
 * index.html of an archive: a viewer that works from the file system, offline,
 * with nothing but a browser, for as long as browsers run HTML and JavaScript.
 * Plain ES5-level DOM code, no framework, no build step: whoever opens it in
 * twenty years can read it. Messages come from viewer/*.js (see viewer-data.ts);
 * only a window of them is in the page at a time, so a million messages scroll
 * as smoothly as a hundred. ChatFerry serves this same page itself (site.ts) to
 * show an archive: there the page is this one, whatever the archive holds.
 */
import { MONTHS_SHOWN } from "../../timeline.js";
import { cspHash, pageHead } from "../page.js";

/**
 * Images the viewer shows in the page, by extension, with the type they are served as.
 * SVG is not one: opened as a page, an SVG runs its scripts.
 */
export const INLINE_IMAGES: Readonly<Record<string, string>> = {
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
  gif: "image/gif",
  webp: "image/webp",
  bmp: "image/bmp",
  avif: "image/avif",
};

/**
 * Files a browser opened from file:// shows inertly (images, sound, video, PDF, plain text)
 * or saves (archives, office documents). Anything else, HTML and SVG first, could open as a
 * page and run its scripts: the viewer from file:// names those files instead of linking them.
 */
const INERT_FILES = "jpe?g|png|gif|webp|bmp|avif|heic|heif|mp4|m4v|mov|webm|3gp|mkv|avi|mp3|m4a|aac|ogg|oga|opus|wav|flac|amr|pdf|txt|zip|7z|rar|docx?|xlsx?|pptx?|hwpx?|vcf|ics|apk";

const STYLE = `
* { box-sizing: border-box; }
html, body { margin: 0; height: 100%; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", "Apple SD Gothic Neo", "Malgun Gothic", "NanumGothic", sans-serif;
  color: #1d2329; background: #b2c7d9; display: flex; flex-direction: column; }
header { background: #f6f7f9; border-bottom: 1px solid #c9d2da; padding: 8px 12px; display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
header h1 { font-size: 17px; margin: 0 12px 0 0; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; max-width: 40ch; }
header .info { color: #5b6670; font-size: 13px; margin-right: auto; }
header input, header select, header button { font: inherit; font-size: 14px; padding: 4px 8px; border: 1px solid #b8c2cc; border-radius: 6px; background: #fff; }
header button { cursor: pointer; }
#search { width: 16em; }
main { flex: 1; display: flex; min-height: 0; }
#list { flex: 1; overflow-y: auto; padding: 8px 16px 24px; overflow-anchor: none; }
#results { width: 22rem; max-width: 45%; overflow-y: auto; background: #f6f7f9; border-left: 1px solid #c9d2da; display: none; }
#results.open { display: block; }
#results .status { padding: 8px 12px; color: #5b6670; font-size: 13px; border-bottom: 1px solid #dde3e8; display: flex; justify-content: space-between; }
#results .hit { padding: 8px 12px; border-bottom: 1px solid #e6eaee; cursor: pointer; }
#results .hit:hover, #results .hit:focus { background: #e8eef4; outline: none; }
#results .when { color: #5b6670; font-size: 12px; }
#results mark, .text mark { background: #ffe066; padding: 0; }
.row { margin: 2px 0; }
.day { text-align: center; margin: 16px 0 8px; }
.day span { background: rgba(0,0,0,.18); color: #fff; border-radius: 12px; padding: 2px 12px; font-size: 13px; }
.system { text-align: center; color: #3f4a54; font-size: 13px; margin: 6px 10%; }
.msg { display: flex; flex-direction: column; align-items: flex-start; max-width: 75%; }
.msg.mine { margin-left: auto; align-items: flex-end; }
.sender { font-size: 13px; font-weight: 600; margin: 6px 0 2px 4px; }
.line { display: flex; align-items: flex-end; gap: 6px; }
.msg.mine .line { flex-direction: row-reverse; }
.bubble { background: #fff; border-radius: 12px; padding: 6px 10px; white-space: pre-wrap; overflow-wrap: anywhere; min-width: 2em; }
.msg.mine .bubble { background: #fee500; }
.bubble.deleted { color: #6b7680; font-style: italic; }
.bubble .fwd { display: block; color: #5b6670; font-size: 13px; font-style: italic; }
.system.call .meta { margin-left: 6px; }
.system.call.missed { color: #b3261e; }
.bubble img { display: block; max-width: min(320px, 100%); max-height: 320px; border-radius: 8px; margin: 4px 0; }
.bubble .file { display: block; margin: 2px 0; }
.bubble .absent { color: #6b7680; font-size: 13px; display: block; }
.bubble .piece { content-visibility: auto; contain-intrinsic-size: auto 20em; }
.bubble .show-all { display: block; margin: 6px 0 2px; font: inherit; font-size: 13px; padding: 2px 10px; border: 1px solid #b8c2cc; border-radius: 6px; background: #f6f7f9; cursor: pointer; }
.meta { font-size: 11px; color: #44505b; white-space: nowrap; }
.reactions { font-size: 13px; margin: 2px 4px 0; }
.row.hit .bubble, .row.hit .system { box-shadow: 0 0 0 3px #ff8c00; }
.notice { margin: 20vh auto; max-width: 36em; background: #fff; border-radius: 12px; padding: 16px 20px; }
.more { text-align: center; color: #3f4a54; font-size: 13px; padding: 8px; }
#timeline { display: flex; align-items: flex-end; gap: 1px; height: 36px; padding: 4px 12px 3px; background: #f6f7f9; border-bottom: 1px solid #c9d2da; overflow-x: auto; }
#timeline[hidden] { display: none; }
#timeline .unit { flex: 1 1 0; min-width: 3px; max-width: 28px; height: 100%; display: flex; align-items: flex-end; padding: 0; margin: 0; border: 0; background: none; font: inherit; }
#timeline button.unit { cursor: pointer; }
#timeline .unit.new-year { border-left: 1px solid #b8c2cc; }
#timeline .unit.gap { background: repeating-linear-gradient(135deg, #f3c9a8 0 3px, transparent 3px 6px); }
#timeline .bar { display: block; width: 100%; min-height: 1px; background: #6b93bd; border-radius: 1px 1px 0 0; }
#timeline button.unit:hover .bar, #timeline button.unit:focus-visible .bar { background: #1d4f86; }
#timeline button.unit:focus-visible { outline: 2px solid #ff8c00; }
`;

const SCRIPT = `
(function () {
  "use strict";
  var TEXT = {
    en: { loading: "Loading…", needFiles: "The messages could not be loaded. Open index.html inside the unpacked archive folder (its viewer folder must be beside it).",
      notData: "The messages could not be loaded: this archive's viewer data is not what ChatFerry writes, so ChatFerry does not show it.",
      searchPlaceholder: "Search messages", jump: "Go to date", me: "Me:", nobody: "—", results: "{n} results", resultsCapped: "first {n} results",
      searching: "Searching… {p}%", noResults: "No results", deleted: "This message was deleted.", edited: "edited", absent: "not in the archive",
      messages: "{n} messages", close: "Close", other: "한국어", oldest: "Oldest", newest: "Newest", conversation: "Conversation",
      forwarded: "Forwarded from {n}", showAll: "Show all ({n} characters)", inFolder: "open it from the archive folder: {p}",
      timeline: "Messages per month: choose one to go to it", timelineYears: "Messages per year: choose one to go to it",
      gap: "no messages: the export may be missing this time" },
    ko: { loading: "불러오는 중…", needFiles: "메시지를 불러오지 못했습니다. 압축을 푼 보관함 폴더 안의 index.html을 여세요(옆에 viewer 폴더가 있어야 합니다).",
      notData: "메시지를 불러오지 못했습니다. 이 보관함의 뷰어 데이터가 ChatFerry가 쓰는 형식이 아니어서 보여 주지 않습니다.",
      searchPlaceholder: "메시지 검색", jump: "날짜로 이동", me: "나:", nobody: "—", results: "결과 {n}개", resultsCapped: "처음 {n}개 결과",
      searching: "검색 중… {p}%", noResults: "결과가 없습니다", deleted: "삭제된 메시지입니다.", edited: "수정됨", absent: "보관함에 없음",
      messages: "메시지 {n}개", close: "닫기", other: "English", oldest: "처음", newest: "최근", conversation: "대화",
      forwarded: "전달됨: {n}", showAll: "전체 보기 ({n}자)", inFolder: "보관함 폴더에서 여세요: {p}",
      timeline: "월별 메시지 수: 고르면 그 달로 갑니다", timelineYears: "연도별 메시지 수: 고르면 그 해로 갑니다",
      gap: "메시지 없음: 내보낸 파일에 이 기간이 빠졌을 수 있습니다" }
  };
  var IMAGE = /\\.(${Object.keys(INLINE_IMAGES).join("|")})$/i, INERT = /\\.(${INERT_FILES})$/i;
  // Served by ChatFerry (http, or the app's own scheme) rather than opened from the unpacked folder.
  var SERVED = location.protocol !== "file:";
  // Served, a script that does not load is one ChatFerry refused as not plain data (site.ts); from file://, a missing file.
  var UNLOADED = SERVED ? "notData" : "needFiles";
  /** Characters of a message shown before "show all", and of each block of it after. */
  var CUT = 4000, PIECE = 4000;
  var KIND_SYSTEM = 2, KIND_DELETED = 3;
  var WINDOW = 400, STEP = 100, CACHE = 24, MAX_HITS = 1000;
  var lang = /^ko/i.test(navigator.language || "") ? "ko" : "en";
  var catalog = null, conv = null, missing = null;
  var cache = new Map(), waiting = new Map();
  var first = 0, end = 0, busy = false, me = -1, searchToken = 0, expanded = new Set();
  var $ = function (id) { return document.getElementById(id); };

  // A function, not a string, as the replacement: a name may hold "$&".
  function t(key, n) { return TEXT[lang][key].replace(/\\{[np]\\}/, function () { return String(n); }); }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function notice(text) {
    var list = $("list");
    list.textContent = "";
    list.appendChild(el("div", "notice", text));
  }
  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = src;
      s.onload = function () { s.remove(); resolve(); };
      s.onerror = function () { s.remove(); reject(new Error(src)); };
      document.head.appendChild(s);
    });
  }

  window.cfCatalog = function (data) { catalog = data; };
  window.cfChunk = function (id, index, rows) {
    var key = id + "/" + index;
    cache.set(key, rows);
    var w = waiting.get(key);
    if (w) { waiting.delete(key); w(rows); }
  };
  function chunk(index) {
    var key = conv.id + "/" + index;
    var rows = cache.get(key);
    if (rows) { cache.delete(key); cache.set(key, rows); return Promise.resolve(rows); }
    return new Promise(function (resolve, reject) {
      waiting.set(key, resolve);
      loadScript("viewer/" + encodeURIComponent(conv.id) + "/" + index + ".js").then(function () {
        if (waiting.has(key)) { waiting.delete(key); reject(new Error(key)); }
        while (cache.size > CACHE) cache.delete(cache.keys().next().value);
      }, function (err) { waiting.delete(key); reject(err); });
    });
  }
  function row(i) { return cache.get(conv.id + "/" + Math.floor(i / conv.chunk))[i % conv.chunk]; }
  function ensure(from, to) {
    var loads = [];
    for (var c = Math.floor(Math.max(0, from) / conv.chunk); c * conv.chunk < to; c++) loads.push(chunk(c));
    return Promise.all(loads);
  }

  function senderName(s) { return s < 0 ? "" : conv.senders[s]; }
  function color(name) {
    var h = 0;
    for (var i = 0; i < name.length; i++) h = (h * 31 + name.charCodeAt(i)) >>> 0;
    return "hsl(" + (h % 360) + ", 55%, 32%)";
  }
  function dayLabel(day) {
    var d = new Date(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));
    return d.toLocaleDateString(lang === "ko" ? "ko-KR" : "en", { year: "numeric", month: "long", day: "numeric", weekday: "long" });
  }
  function mediaUrl(path) {
    return ["media", conv.id].concat(path.split("/")).map(encodeURIComponent).join("/");
  }
  function attachment(a) {
    var name = a.n || a.y;
    if (!a.m || missing.has(a.m)) return el("span", "absent", "[" + a.y + "] " + name + " (" + t("absent") + ")");
    var url = mediaUrl(a.m);
    if (IMAGE.test(a.m) && (a.y === "photo" || a.y === "sticker" || a.y === "gif" || a.y === "emoticon")) {
      var link = el("a");
      link.href = url;
      link.target = "_blank";
      var img = el("img");
      img.loading = "lazy";
      img.src = url;
      img.alt = name;
      link.appendChild(img);
      return link;
    }
    // A file opened from the viewer must never become a page of it: an HTML or SVG file would run its
    // scripts there. Served, every file is a download (the server says so too); from file://, only
    // files a browser shows inertly are links, and the rest are named with where to find them.
    if (SERVED) {
      var download = el("a", "file", "📎 " + name);
      download.href = url;
      download.download = a.m.split("/").pop();
      return download;
    }
    if (!INERT.test(a.m)) return el("span", "file", "📎 " + name + " (" + t("inFolder", "media/" + conv.id + "/" + a.m) + ")");
    var file = el("a", "file", "📎 " + name);
    file.href = url;
    file.target = "_blank";
    return file;
  }
  function duration(seconds) {
    var h = Math.floor(seconds / 3600), m = Math.floor((seconds % 3600) / 60), s = String(seconds % 60);
    return (h > 0 ? h + ":" + (m < 10 ? "0" : "") + m : String(m)) + ":" + (s.length < 2 ? "0" : "") + s;
  }
  /** A call: a centred event like any notice, with its kind's icon, the time and how long it lasted. */
  function callEvent(m) {
    var c = m.c, unanswered = c.o === "missed" || c.o === "declined" || c.o === "cancelled";
    var box = el("div", "system call" + (unanswered ? " missed" : ""));
    box.appendChild(el("span", "icon", c.m === "video" ? "🎥 " : "📞 "));
    box.appendChild(document.createTextNode(m.x));
    box.appendChild(el("span", "meta", m.t.slice(11, 16) + (c.d ? " · " + duration(c.d) : "")));
    return box;
  }
  /** Where a piece of at most \`max\` characters from \`from\` ends: after a line break or a space near its end if there is one, never inside a character. */
  function pieceEnd(text, from, max) {
    var end = from + max;
    if (end >= text.length) return text.length;
    // Looked for in the piece's last quarter only: lastIndexOf on the whole text would search back to its start, for every piece.
    var tail = text.slice(end - max / 4, end), nl = tail.lastIndexOf("\\n"), space = tail.lastIndexOf(" ");
    if (nl >= 0) return end - tail.length + nl + 1;
    if (space >= 0) return end - tail.length + space + 1;
    var c = text.charCodeAt(end - 1);
    return c >= 0xd800 && c <= 0xdbff ? end - 1 : end;
  }
  /**
   * A message's text. Chromium lays out one run of pre-wrapped text in quadratic time (200,000
   * characters: half a minute; ten million: never), so a long text shows its first CUT characters
   * and a button for the rest, which comes in blocks of at most PIECE characters, each laid out
   * only while it is on screen (content-visibility). Search reads the messages, not the page,
   * so it finds text anywhere in a long one.
   */
  function textOf(text, key) {
    var box = el("div", "text");
    if (text.length <= CUT) { box.textContent = text; return box; }
    if (expanded.has(key)) {
      for (var at = 0; at < text.length;) { var to = pieceEnd(text, at, PIECE); box.appendChild(el("div", "piece", text.slice(at, to))); at = to; }
      return box;
    }
    box.appendChild(el("div", "", text.slice(0, pieceEnd(text, 0, CUT)) + "…"));
    var all = el("button", "show-all", t("showAll", text.length.toLocaleString(lang)));
    all.type = "button";
    all.onclick = function () { expanded.add(key); box.replaceWith(textOf(text, key)); };
    box.appendChild(all);
    return box;
  }
  function node(i) {
    var m = row(i), prev = i > 0 ? row(i - 1) : null;
    var wrap = el("div", "row");
    wrap.dataset.i = String(i);
    var day = m.t.slice(0, 10);
    var newDay = !prev || prev.t.slice(0, 10) !== day;
    if (newDay) { var h = el("div", "day"); h.appendChild(el("span", "", dayLabel(day))); wrap.appendChild(h); }
    if (m.k === KIND_SYSTEM) { wrap.appendChild(m.c ? callEvent(m) : el("div", "system", m.x)); return wrap; }
    var msg = el("div", "msg" + (m.s === me && m.s >= 0 ? " mine" : ""));
    var name = senderName(m.s);
    if (name && (newDay || !prev || prev.s !== m.s || prev.k === KIND_SYSTEM) && m.s !== me) {
      var who = el("div", "sender", name);
      who.style.color = color(name);
      msg.appendChild(who);
    }
    var line = el("div", "line");
    var bubble = el("div", "bubble" + (m.k === KIND_DELETED ? " deleted" : ""));
    if (m.f !== undefined) bubble.appendChild(el("span", "fwd", t("forwarded", m.f)));
    bubble.appendChild(textOf(m.x || m.k !== KIND_DELETED ? m.x : t("deleted"), conv.id + "/" + i));
    (m.a || []).forEach(function (a) { bubble.appendChild(attachment(a)); });
    line.appendChild(bubble);
    line.appendChild(el("span", "meta", m.t.slice(11, 16) + (m.e ? " · " + t("edited") : "")));
    msg.appendChild(line);
    if (m.r) msg.appendChild(el("div", "reactions", m.r.join(" ")));
    wrap.appendChild(msg);
    return wrap;
  }
  function fragment(from, to) {
    var f = document.createDocumentFragment();
    for (var i = from; i < to; i++) f.appendChild(node(i));
    return f;
  }

  /** Shows messages [from, to) and nothing else; the list never holds more than about WINDOW + STEP of them. */
  function show(from, to, target) {
    return ensure(from - 1, to).then(function () {
      var items = $("items");
      items.textContent = "";
      items.appendChild(fragment(from, to));
      first = from;
      end = to;
      var list = $("list");
      if (target === undefined) { list.scrollTop = list.scrollHeight; return; }
      var hit = items.querySelector('[data-i="' + target + '"]');
      if (hit) { hit.classList.add("hit"); hit.scrollIntoView({ block: "center" }); }
    });
  }
  function grow() {
    if (busy || !conv) return;
    var list = $("list"), items = $("items");
    var nearTop = list.scrollTop < 800 && first > 0;
    var nearBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 800 && end < conv.messages;
    if (!nearTop && !nearBottom) return;
    busy = true;
    var from = nearTop ? Math.max(0, first - STEP) : end, to = nearTop ? first : Math.min(conv.messages, end + STEP);
    ensure(from - 1, to).then(function () {
      var before = list.scrollHeight;
      if (nearTop) {
        items.insertBefore(fragment(from, to), items.firstChild);
        list.scrollTop += list.scrollHeight - before;
        first = from;
        while (end - first > WINDOW) { items.lastChild.remove(); end--; }
      } else {
        items.appendChild(fragment(from, to));
        end = to;
        var excess = end - first - WINDOW;
        if (excess > 0) {
          // Two layouts, not one per removed message: measure where the first kept one moves.
          var keep = items.children[excess], top = keep.offsetTop;
          for (var r = 0; r < excess; r++) items.firstChild.remove();
          first += excess;
          list.scrollTop -= top - keep.offsetTop;
        }
      }
      busy = false;
      grow();
    }, function () { busy = false; });
  }
  function jump(i) {
    var from = Math.max(0, i - STEP), to = Math.min(conv.messages, i + 2 * STEP);
    return show(from, to, i);
  }

  function search(query) {
    var token = ++searchToken, q = query.trim().toLowerCase(), panel = $("results");
    panel.textContent = "";
    if (!q) { panel.classList.remove("open"); return; }
    panel.classList.add("open");
    var status = el("div", "status"), label = el("span", "", t("searching", 0)), close = el("button", "", t("close"));
    close.onclick = function () { $("search").value = ""; search(""); };
    status.appendChild(label);
    status.appendChild(close);
    panel.appendChild(status);
    var hits = 0, chunks = Math.ceil(conv.messages / conv.chunk), names = conv.senders.map(function (s) { return s.toLowerCase(); });
    function step(c) {
      if (token !== searchToken) return;
      if (c >= chunks || hits >= MAX_HITS) {
        label.textContent = hits === 0 ? t("noResults") : hits >= MAX_HITS ? t("resultsCapped", hits) : t("results", hits);
        return;
      }
      chunk(c).then(function (rows) {
        if (token !== searchToken) return;
        for (var j = 0; j < rows.length && hits < MAX_HITS; j++) {
          var m = rows[j], text = m.x.toLowerCase();
          if (text.indexOf(q) >= 0 || (m.s >= 0 && names[m.s].indexOf(q) >= 0) || (m.f !== undefined && m.f.toLowerCase().indexOf(q) >= 0)) { panel.appendChild(hit(c * conv.chunk + j, m, text.indexOf(q))); hits++; }
        }
        label.textContent = t("searching", Math.round(((c + 1) / chunks) * 100));
        setTimeout(function () { step(c + 1); }, 0);
      }, function () { label.textContent = t(UNLOADED); });
    }
    step(0);
  }
  function hit(i, m, at) {
    var item = el("div", "hit");
    item.tabIndex = 0;
    item.appendChild(el("div", "when", m.t.slice(0, 16).replace("T", " ") + (m.s >= 0 ? " · " + senderName(m.s) : "")));
    var text = el("div");
    var from = Math.max(0, at - 40), q = $("search").value.trim().length;
    if (at < 0) text.textContent = m.x.slice(0, 120);
    else {
      text.appendChild(document.createTextNode((from > 0 ? "…" : "") + m.x.slice(from, at)));
      text.appendChild(el("mark", "", m.x.slice(at, at + q)));
      text.appendChild(document.createTextNode(m.x.slice(at + q, at + q + 80)));
    }
    item.appendChild(text);
    item.onclick = item.onkeydown = function (e) { if (e.type === "click" || e.key === "Enter") jump(i); };
    return item;
  }

  function jumpToDate(value) {
    if (!value || conv.days.length === 0) return;
    var target = conv.days[conv.days.length - 1][1];
    for (var d = 0; d < conv.days.length; d++) if (conv.days[d][0] >= value) { target = conv.days[d][1]; break; }
    jump(target);
  }

  /**
   * The timeline: a bar a month from the first month to the last (a year past the app's
   * MONTHS_SHOWN months), each a button that goes to its first message; the stretches the
   * summary says the export may lack are shaded. Heights are set through the style object, which the
   * page's policy allows, not through style attributes, which it refuses.
   */
  function timeline() {
    var strip = $("timeline");
    strip.textContent = "";
    strip.hidden = !conv.months || conv.months.length === 0;
    if (strip.hidden) return;
    var counts = new Map(conv.months), gaps = conv.gaps || [];
    var first = conv.months[0][0], last = conv.months[conv.months.length - 1][0];
    var y0 = Number(first.slice(0, 4)), y1 = Number(last.slice(0, 4));
    var byYear = (y1 - y0) * 12 + Number(last.slice(5)) - Number(first.slice(5)) + 1 > ${MONTHS_SHOWN};
    var units = [];
    for (var y = y0; y <= y1; y++) {
      var year = String(y).padStart(4, "0");
      if (byYear) {
        var total = 0;
        for (var m = 1; m <= 12; m++) total += counts.get(year + "-" + String(m).padStart(2, "0")) || 0;
        units.push({ from: year + "-01-01", to: year + "-12-31", n: total, label: year, newYear: false });
        continue;
      }
      for (var mo = y === y0 ? Number(first.slice(5)) : 1; mo <= (y === y1 ? Number(last.slice(5)) : 12); mo++) {
        var month = year + "-" + String(mo).padStart(2, "0");
        var label = new Date(y, mo - 1, 1).toLocaleDateString(lang === "ko" ? "ko-KR" : "en", { year: "numeric", month: "long" });
        units.push({ from: month + "-01", to: month + "-31", n: counts.get(month) || 0, label: label, newYear: mo === 1 });
      }
    }
    var max = Math.max.apply(null, units.map(function (u) { return u.n; }));
    strip.setAttribute("aria-label", t(byYear ? "timelineYears" : "timeline"));
    units.forEach(function (u) {
      var inGap = gaps.some(function (g) { return g[0] < u.from && u.to < g[1]; });
      var text = u.label + ": " + t("messages", u.n.toLocaleString(lang)) + (inGap ? " · " + t("gap") : "");
      var unit = el(u.n > 0 ? "button" : "span", "unit" + (u.newYear ? " new-year" : "") + (inGap ? " gap" : ""));
      unit.title = text;
      if (u.n > 0) {
        unit.type = "button";
        unit.setAttribute("aria-label", text);
        unit.onclick = function () { jumpToDate(u.from); };
        unit.appendChild(el("span", "bar")).style.height = Math.max(4, Math.round((u.n / max) * 100)) + "%";
      } else unit.setAttribute("aria-hidden", "true");
      strip.appendChild(unit);
    });
  }

  function labels() {
    document.documentElement.lang = lang;
    $("search").placeholder = t("searchPlaceholder");
    $("date").title = t("jump");
    $("lang").textContent = t("other");
    $("oldest").textContent = t("oldest");
    $("newest").textContent = t("newest");
    $("me-label").textContent = t("me");
    $("conv").title = t("conversation");
  }
  function open(index) {
    conv = catalog.conversations[index];
    missing = new Set(conv.missing);
    // The one who exported starts on the right, as in the messenger; the list still lets anyone be "me".
    me = conv.self === undefined ? -1 : conv.self;
    document.title = (conv.title || "ChatFerry") + " — ChatFerry";
    $("title").textContent = conv.title || "ChatFerry";
    $("info").textContent = t("messages", conv.messages.toLocaleString(lang)) + (conv.first ? " · " + conv.first.slice(0, 10) + " – " + conv.last.slice(0, 10) : "");
    var who = $("me");
    who.textContent = "";
    who.appendChild(el("option", "", t("nobody"))).value = "-1";
    conv.senders.forEach(function (s, i) { who.appendChild(el("option", "", s)).value = String(i); });
    who.value = String(me);
    if (conv.first) { $("date").min = conv.first.slice(0, 10); $("date").max = conv.last.slice(0, 10); }
    timeline();
    $("results").classList.remove("open");
    if (conv.messages === 0) { $("items").textContent = ""; return; }
    show(Math.max(0, conv.messages - WINDOW / 2), conv.messages).catch(function () { notice(t(UNLOADED)); });
  }
  function redraw() {
    if (conv && conv.messages > 0) show(first, end, undefined);
  }

  function start() {
    labels();
    if (!catalog) { notice(t(UNLOADED)); return; }
    var select = $("conv");
    catalog.conversations.forEach(function (c, i) {
      select.appendChild(el("option", "", (c.title || c.id) + " (" + c.messages + ")")).value = String(i);
    });
    select.hidden = catalog.conversations.length < 2;
    select.onchange = function () { open(Number(select.value)); };
    var pending = 0;
    $("search").oninput = function () {
      clearTimeout(pending);
      var v = this.value;
      pending = setTimeout(function () { search(v); }, 250);
    };
    $("search").onkeydown = function (e) { if (e.key === "Enter") { clearTimeout(pending); search(this.value); } };
    $("date").onchange = function () { jumpToDate(this.value); };
    $("me").onchange = function () { me = Number(this.value); redraw(); };
    $("lang").onclick = function () { lang = lang === "ko" ? "en" : "ko"; labels(); open(catalog.conversations.indexOf(conv)); };
    $("oldest").onclick = function () { if (conv.messages) show(0, Math.min(conv.messages, WINDOW / 2), 0); };
    $("newest").onclick = function () { open(catalog.conversations.indexOf(conv)); };
    $("list").addEventListener("scroll", grow, { passive: true });
    open(0);
  }
  loadScript("viewer/catalog.js").then(start, start);
})();
`;

const BODY = `<header>
<h1 id="title">ChatFerry</h1><span class="info" id="info"></span>
<select id="conv" hidden></select>
<input id="search" type="search" autocomplete="off">
<input id="date" type="date">
<button id="oldest" type="button"></button><button id="newest" type="button"></button>
<label><span id="me-label"></span> <select id="me"></select></label>
<button id="lang" type="button"></button>
</header>
<nav id="timeline" hidden></nav>
<main><div id="list"><div id="items"></div></div><aside id="results" aria-live="polite"></aside></main>`;

/**
 * The page may run only its own script and local files (viewer/*.js), show only
 * local media, and connect nowhere: the CSP says so to the browser. `file:` is
 * named beside 'self' because browsers differ on whether 'self' covers file URLs.
 */
const CSP = [
  "default-src 'none'",
  `script-src 'self' file: ${cspHash(SCRIPT)}`,
  `style-src ${cspHash(STYLE)}`,
  "img-src 'self' file:",
  "media-src 'self' file:",
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");

/** The header ChatFerry serves the page with, beside the meta tag's policy: no file:, and no framing. */
export const SERVED_CSP = [
  "default-src 'none'",
  `script-src 'self' ${cspHash(SCRIPT)}`,
  `style-src ${cspHash(STYLE)}`,
  "img-src 'self'",
  "media-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

export const VIEWER_HTML = `${pageHead({ lang: "en", title: "ChatFerry", csp: CSP, style: STYLE })}<body>
${BODY}
<script>${SCRIPT}</script>
</body>
</html>
`;
