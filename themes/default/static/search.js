// congkhai search: turns the search form (input#q) into a combobox that lists procedures as
// you type, from the index under /tim-kiem/ written by the build (src/search.rs).
// No framework, no outside requests. Without this script the form still goes to /thu-tuc/.
(function () {
  'use strict';
  var form = document.querySelector('form[data-search-index]');
  var input = form && form.querySelector('#q');
  if (!input || !window.fetch || !window.TextDecoder || !''.normalize) return;

  var manifestUrl = form.getAttribute('data-search-index');
  var base = manifestUrl.slice(0, manifestUrl.lastIndexOf('/') + 1);
  var onListPage = location.pathname === new URL(form.action, location.href).pathname;
  var PAGE = 10;
  var utf8 = new TextDecoder();
  var files = {};
  var manifest = null;
  var facets = null;
  var filter = { field: '', level: '', unit: '', online: false };
  var found = [];
  var shown = PAGE;
  var active = -1;
  var generation = 0;
  var timer = 0;
  // Everyday phrases → official wordings, from the shards the current query has read (src/search.rs
  // with_phrases): a query means the same whatever was typed before it.
  var everyday = Object.create(null);
  var longest = 1;

  // The same folding as text::fold in Rust: marks dropped, lowercase, đ → d.
  function fold(text) {
    return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/đ/g, 'd');
  }

  // A word's diacritics wherever the tone sits, as search::marks in Rust: its combining
  // marks sorted, plus đ. "thải" and "thai" differ; "hoà" and "hòa" do not.
  function marks(word) {
    return Array.from(word.normalize('NFD').toLowerCase().replace(/[^\p{M}đ]/gu, '')).sort().join('');
  }

  // The words of a text: { fold, marks, cut }, split at anything not a letter or digit; `cut`
  // when a comma, full stop… stands before the word (no everyday phrase reads across one:
  // "học phí cho con, nhà thuộc hộ nghèo" says nothing of "cho con nhà").
  function spelled(text) {
    var out = [], cut = false;
    text.normalize('NFC').toLowerCase().split(/([^\p{Alphabetic}\p{N}]+)/u).forEach(function (w, i) {
      if (i % 2) {
        cut = cut || /[,.;:!?()]/.test(w);
        return;
      }
      if (!w) return;
      // A number is its value: "mức 2" is "mức độ 02" (src/search.rs lowercase_words).
      if (/^[0-9]+$/.test(w)) w = w.replace(/^0+(?=.)/, '');
      w = Array.from(w).slice(0, 24).join('');
      out.push({ word: w, fold: fold(w), marks: marks(w), cut: cut });
      cut = false;
    });
    return inherited(spokenAges(out));
  }

  // An age said in words, as voice typing writes it ("con mười bốn tuổi", "bà tám mươi lăm
  // tuổi"), is the number names write ("từ đủ 14 tuổi"): the longest run of number words
  // before "tuổi" that reads as one number from 1 to 99 becomes its digits, and after it a run
  // of two or three ("đến tuổi hai mươi lăm"; "tuổi năm nay" is no age).
  var ONES = { 'một': 1, hai: 2, ba: 3, 'bốn': 4, 'năm': 5, 'sáu': 6, 'bảy': 7, 'bẩy': 7, 'tám': 8, 'chín': 9 };
  var ONES_AFTER_TENS = { 'mốt': 1, 'tư': 4, 'lăm': 5, 'nhăm': 5 };
  // Typed bare, a word is read as the number it folds to ("tam muoi" is 80).
  var foldedKeys = function (table) {
    var out = {};
    Object.keys(table).forEach(function (k) { out[fold(k)] = table[k]; });
    return out;
  };
  var BARE_ONES = foldedKeys(ONES), BARE_AFTER_TENS = foldedKeys(ONES_AFTER_TENS);
  function spokenNumber(words) {
    var one = function (w, afterTens) {
      var key = w.marks ? w.word : w.fold, ones = w.marks ? ONES : BARE_ONES;
      return ones[key] || (afterTens && (w.marks ? ONES_AFTER_TENS : BARE_AFTER_TENS)[key]) || 0;
    };
    var tens = function (w, spelling) { return w.fold === 'muoi' && (!w.marks || w.word === spelling); };
    var n = words.length, a = words[0];
    if (n === 1) return tens(a, 'mười') ? 10 : one(a, false);
    if (tens(a, 'mười')) return n === 2 && one(words[1], true) ? 10 + one(words[1], true) : 0;
    var first = one(a, false);
    if (first < 2 || !tens(words[1], 'mươi')) return 0;
    if (n === 2) return first * 10;
    return n === 3 && one(words[2], true) ? first * 10 + one(words[2], true) : 0;
  }
  function spokenAges(words) {
    var said = function (from, to) {
      var value = spokenNumber(words.slice(from, to)), digits = String(value);
      if (value) words.splice(from, to - from, { word: digits, fold: digits, marks: '', cut: words[from].cut });
      return value;
    };
    for (var i = 0; i < words.length; i++) {
      if (words[i].fold !== 'tuoi') continue;
      var before = false;
      for (var from = Math.max(0, i - 3); from < i && !before; from++) {
        if (said(from, i)) {
          i = from + 1;
          before = true;
        }
      }
      for (var to = Math.min(words.length, i + 4); to > i + 2 && !before; to--) if (said(i + 1, to)) break;
    }
    return words;
  }

  // What a kinsman who died "left" ("bố mẹ mất để lại mảnh đất", "ba mất không để lại di
  // chúc") is inherited: "để lại" within a few words after a parent, grandparent or spouse and
  // a word for dying reads "thừa kế", the word names use, and the dying is had (already), not
  // asked ("Đăng ký khai tử"). Not "để lại" alone ("để lại xe"), nor "mất" as lost ("mẹ làm
  // mất sổ", "bố bị mất giấy").
  function inherited(words) {
    var accented = words.some(function (w) { return w.marks; }), died = -1, kin = -1;
    words.forEach(function (w, i) {
      var said = function (word, spelling) { return w.fold === word && (!w.marks || w.word === spelling); };
      if ((said('mat', 'mất') || said('chet', 'chết') || (said('doi', 'đời') && i > 0 && words[i - 1].fold === 'qua') ||
        (said('tran', 'trần') && i > 0 && words[i - 1].fold === 'tu')) &&
        !words.slice(Math.max(0, i - 2), i).some(function (w) { return w.fold === 'lam' || w.fold === 'bi'; })) {
        // The first kinsman of the four words before, if any.
        for (var k = Math.max(0, i - 4); k < i && !KIN[words[k].fold]; k++);
        if (k < i) {
          died = i;
          kin = k;
        }
      }
      if (died >= 0 && i - died <= 6 && i > died + 1 && said('lai', 'lại') && words[i - 1].fold === 'de' &&
        (!words[i - 1].marks || words[i - 1].word === 'để')) {
        ['thừa', 'kế'].forEach(function (t, n) {
          words[i - 1 + n] = { word: accented ? t : fold(t), fold: fold(t), marks: accented ? marks(t) : '', cut: words[i - 1 + n].cut };
        });
        // Had from the kinsman on: "mẹ chết", "ông bà mất" may be everyday phrases.
        for (var j = kin; j <= died; j++) words[j].had = true;
        died = -1;
      }
    });
    return words;
  }
  var KIN = { bo: 1, me: 1, ba: 1, ma: 1, cha: 1, ong: 1, chong: 1, vo: 1, noi: 1, ngoai: 1, tia: 1, u: 1, bam: 1 };

  // Per word of `spelled` words, whether punctuation cuts the text before it.
  function cutsOf(words) {
    return words.map(function (w) { return w.cut; });
  }

  // Whether a typed word is a filler: as spelled when typed with diacritics ("thẻ", "hộ",
  // "bảo" are not "thế", "hồ", "bao"), by its folded form when typed bare or mended.
  function isFiller(word) {
    return word.marks ? !!manifest.filler[word.fold + '~' + word.marks] : !!manifest.bare[word.fold];
  }

  function words(text) {
    return spelled(text).map(function (w) { return w.fold; });
  }

  // Each file is fetched once; a failure is forgotten so the next query tries again. Every
  // index file has a gzipped copy under z/ (src/search.rs packed), half the bytes, unpacked
  // here; a browser that cannot unpack reads the plain file.
  var packed = typeof DecompressionStream === 'function' && typeof Response === 'function';
  function load(name, parse) {
    if (!files[name]) {
      files[name] = fetch(base + (packed ? 'z/' : '') + name)
        .then(function (r) {
          if (!r.ok) throw new Error(name + ': HTTP ' + r.status);
          return r.arrayBuffer();
        })
        .then(unpack)
        .then(function (buffer) { return parse === 'json' ? JSON.parse(utf8.decode(buffer)) : parse(buffer); })
        .catch(function (e) { delete files[name]; throw e; });
    }
    return files[name];
  }

  // A gzipped file's bytes, unpacked; a host that sent it unpacked already (gzip as its
  // Content-Encoding) leaves no gzip header.
  function unpack(buffer) {
    var head = new Uint8Array(buffer, 0, Math.min(2, buffer.byteLength));
    if (head[0] !== 0x1f || head[1] !== 0x8b) return buffer;
    return new Response(new Response(buffer).body.pipeThrough(new DecompressionStream('gzip'))).arrayBuffer();
  }

  function loadManifest() {
    return load(manifestUrl.slice(base.length), 'json').then(function (m) {
      manifest = m;
      // Sorted keys, each a capital telling how many characters it shares with the one before
      // ("A" none), then its own (src/search.rs front_coded).
      m.keys = [];
      (m.shards.match(/[A-Z][^A-Z]*/g) || []).forEach(function (coded) {
        var before = m.keys.length ? m.keys[m.keys.length - 1] : '';
        m.keys.push(Array.from(before).slice(0, coded.charCodeAt(0) - 65).join('') + coded.slice(1));
      });
      // Fillers by spelling ("thế", not "thẻ"), and by folded form for words typed bare,
      // unless the names mostly spell that form as another word ("the": "thẻ").
      m.filler = {};
      m.bare = Object.create(null);
      spelled(m.fillers).forEach(function (w) { m.filler[w.fold + '~' + w.marks] = true; });
      m.bare_fillers.split(' ').forEach(function (w) { m.bare[w] = true; });
      m.bound = Object.create(null);
      (m.bound_fillers || '').split(',').forEach(function (pair) { if (pair) m.bound[pair] = true; });
      m.commonest = (m.common || '').split(' ').filter(Boolean);
      // A common term's spellings common on their own ("tu~…" for "tư", "tử"), and the terms so listed.
      m.spelledCommon = Object.create(null);
      m.spelledTerms = Object.create(null);
      (m.common_spellings || '').split(' ').filter(Boolean).forEach(function (e) {
        m.spelledCommon[e] = true;
        m.spelledTerms[e.slice(0, e.indexOf('~'))] = true;
      });
      // Looked up by typed words: no inherited keys ("constructor"). "words:phrases;…", each a
      // comma-separated list (src/search.rs yields).
      m.yielding = Object.create(null);
      m.yields.split(';').forEach(function (entry) {
        var parts = entry.split(':'), phrases = (parts[1] || '').split(',');
        parts[0].split(',').forEach(function (w) { if (w) m.yielding[w] = phrases; });
      });
      m.phraseKeys = Object.create(null);
      m.keys.forEach(function (k) { if (k.indexOf('_') >= 0) m.phraseKeys[k] = true; });
      m.kb = Object.create(null);
      var heavy = (m.heavy || '').split(' ');
      for (var h = 0; h + 1 < heavy.length; h += 2) m.kb[heavy[h]] = +heavy[h + 1];
      return m;
    });
  }

  function Reader(buffer) {
    this.bytes = new Uint8Array(buffer);
    this.at = 0;
  }
  Reader.prototype.varint = function () {
    var value = 0, scale = 1, b;
    do {
      b = this.bytes[this.at++];
      value += (b & 127) * scale;
      scale *= 128;
    } while (b & 128);
    return value;
  };
  Reader.prototype.text = function () {
    var n = this.varint();
    var s = utf8.decode(this.bytes.subarray(this.at, this.at + n));
    this.at += n;
    return s;
  };

  // A shard: terms, each with four document sets (name, keywords, field, papers/result),
  // where the term stands in each name of the first set (a bitmask), and its spellings in
  // names when it has several, with the one each name uses; then the everyday phrases whose
  // first word it holds, with their official wordings (`phrases`, read into `everyday` by shard).
  function parseShard(buffer) {
    var r = new Reader(buffer), terms = [], count = r.varint(), j;
    for (var t = 0; t < count; t++) {
      var term = r.text(), sets = [];
      for (var s = 0; s < 4; s++) {
        var head = r.varint(), docs = [], d = 0;
        if (head & 1) {
          var len = (head - 1) / 2;
          for (j = 0; j < len; j++) {
            for (var byte = r.bytes[r.at + j], bit = 0; byte; bit++, byte >>= 1) {
              if (byte & 1) docs.push(j * 8 + bit);
            }
          }
          r.at += len;
        } else {
          for (j = 0; j < head / 2; j++) {
            d = j ? d + r.varint() : r.varint();
            docs.push(d);
          }
        }
        sets.push(docs);
      }
      // Positions as a 64-bit mask in two halves, words 0–31 and 32–63 (words past the 64th
      // share the last bit): long names say what they are about late ("… ; chuyển nhượng,
      // thừa kế, tặng cho …").
      var names = sets[0].length, positions = new Int32Array(names), positions2 = new Int32Array(names);
      for (j = 0; j < names; j++) {
        for (var at = 0, more = 1, v; more; ) {
          v = r.varint();
          more = v & 1;
          at += v >> 1;
          if (at < 32) positions[j] |= 1 << at;
          else positions2[j] |= 1 << Math.min(at - 32, 31);
        }
      }
      var spellings = [], spellingOf = null;
      for (j = r.varint(); j > 0; j--) spellings.push(r.text());
      if (spellings.length) {
        // Each name's spelling, in as many bits as the spellings need (src/search.rs pack_bits).
        var bits = 32 - Math.clz32(spellings.length - 1);
        spellingOf = new Uint8Array(names);
        for (j = 0; j < names * bits; j++) {
          if (r.bytes[r.at + (j >> 3)] >> (j & 7) & 1) spellingOf[(j / bits) | 0] |= 1 << (j % bits);
        }
        r.at += (names * bits + 7) >> 3;
      }
      terms.push({ term: term, sets: sets, positions: positions, positions2: positions2, spellings: spellings, spellingOf: spellingOf });
    }
    // Each distinct wording once; then each phrase (its words joined by "_") as the bytes it
    // shares with the one before and the rest, and its wordings by number (src/search.rs
    // encode_phrases).
    var table = [], previous = new Uint8Array(0), phrases = terms.phrases = [];
    for (count = r.varint(); count > 0; count--) table.push(r.text());
    for (count = r.varint(); count > 0; count--) {
      var shared = r.varint(), rest = r.varint(), bytes = new Uint8Array(shared + rest), wordings = [];
      bytes.set(previous.subarray(0, shared));
      bytes.set(r.bytes.subarray(r.at, r.at + rest), shared);
      r.at += rest;
      previous = bytes;
      var phrase = utf8.decode(bytes).replace(/_/g, ' ');
      var said = r.varint();
      for (j = said >> 1; j > 0; j--) wordings.push(table[r.varint()]);
      // The diacritics the list writes it with, a byte per word (src/search.rs mark_code).
      var n = phrase.split(' ').length;
      if (said & 1) {
        wordings.spelling = r.bytes.slice(r.at, r.at + n);
        r.at += n;
      }
      phrases.push([phrase, wordings]);
      longest = Math.max(longest, n);
    }
    return terms;
  }

  // Name lengths, four bits each (src/search.rs lengths_file): 13–15 words read as 14, 16–20
  // as 18, more as 25.
  function parseLengths(buffer) {
    var bytes = new Uint8Array(buffer), out = new Uint8Array(bytes.length * 2), wide = [14, 18, 25], sum = 0;
    for (var i = 0; i < out.length; i++) {
      var code = i & 1 ? bytes[i >> 1] >> 4 : bytes[i >> 1] & 15;
      out[i] = code > 12 ? wide[code - 13] : code;
      sum += out[i];
    }
    out.mean = sum / Math.max(1, manifest.documents) || 1;
    return out;
  }

  // src/search.rs names a shard by its key when plain ASCII, else by its UTF-8 bytes in hex.
  function shardFile(key) {
    var name = /^[a-z0-9]+$/i.test(key) ? key : 'x' + Array.from(new TextEncoder().encode(key), function (b) {
      return (b < 16 ? '0' : '') + b.toString(16);
    }).join('');
    return name + '.' + manifest.hash + '.bin';
  }

  function parseFacets(buffer) {
    var r = new Reader(buffer), i, j, n, size;
    var f = { fields: [], levels: [], units: [], groups: [] };
    [f.fields, f.levels, f.units].forEach(function (names) {
      for (i = 0, n = r.varint(); i < n; i++) names.push(r.text());
    });
    for (i = 0, n = r.varint(); i < n; i++) {
      var group = [];
      for (j = 0, size = r.varint(); j < size; j++) group.push(r.varint());
      f.groups.push(group);
    }
    n = r.varint();
    f.field = new Uint16Array(n);
    f.level = new Uint8Array(n);
    f.online = new Uint8Array(n);
    f.group = new Uint32Array(n);
    for (i = 0; i < n; i++) {
      f.field[i] = r.varint();
      var x = r.varint();
      f.level[i] = x >> 2;
      f.online[i] = x & 3;
      f.group[i] = r.varint();
    }
    return f;
  }

  // The shards that may hold terms starting with `word`; `whole` asks only for the word itself.
  function shardsFor(word, whole) {
    var keys = manifest.keys.filter(function (k) {
      return word.lastIndexOf(k, 0) === 0 || (!whole && k.lastIndexOf(word, 0) === 0 && k.indexOf('_') < 0);
    });
    if (whole) {
      keys.sort(function (a, b) { return b.length - a.length; });
      return keys.slice(0, 1);
    }
    return keys;
  }

  // What a query asks: groups of words, each with its alternatives. A phrase of the everyday
  // words list (`everyday`: "bang lai" → "giay phep lai xe") is one group whose
  // alternatives are the typed words and each official wording; a filler word ("cho", "o
  // dau") is a group of its own that weighs little. Each distinct word is looked up once:
  // whole, or by prefix when it is the last word typed.
  function plan(query, finished, fixes) {
    var typed = spelled(query), folded = typed.map(function (w) { return w.fold; }), cut = cutsOf(typed);
    var accented = typed.some(function (w) { return w.marks !== ''; });
    // A mended slip ("chie" → "chieu", folded) is looked up as the word it stands for, any
    // diacritics; a word spelt by ear ("nàm" → "làm", mended()) with the diacritics typed.
    Object.keys(fixes || {}).forEach(function (k) {
      var fix = spelled(fixes[k])[0];
      folded[k] = fix.fold;
      typed[k] = { fold: fix.fold, marks: fix.marks || null };
    });
    var groups = [], lookups = Object.create(null), order = [];
    // A typed word is matched by its diacritics when the query has some; an official wording's
    // word always is ("cấp lại" is not "lái"), unless written without any (a site's own list).
    function lookup(word, spelling, last) {
      var key = word + (last ? '*' : '') + (spelling ? '~' + spelling : '');
      if (!lookups[key]) {
        lookups[key] = { word: word, prefix: last, spelling: spelling };
        order.push(key);
      }
      return key;
    }
    var had = already(folded, typed, cut), aim = purpose(folded, typed, cut);
    segments(folded, cut, typed).forEach(function (segment) {
      var i = segment.at, n = segment.n, wordings = segment.wordings;
      // A phrase that only asks how, where or how long: left out.
      if (wordings && !wordings.length) return;
      var alts = [[]], filler = true;
      for (var k = i; k < i + n; k++) {
        var last = k === folded.length - 1;
        var typedKey = lookup(folded[k], accented ? typed[k].marks : null, last && !(fixes && fixes[k]));
        alts[0].push(typedKey);
        // A key only filler words typed ask for is the first a long query leaves out. A filler
        // next to the word names pair it with is none ("bản sao" is no "làm sao").
        if (!isFiller(typed[k]) || (k > 0 && manifest.bound[folded[k - 1] + ' ' + folded[k]]) ||
          (k + 1 < folded.length && manifest.bound[folded[k] + ' ' + folded[k + 1]])) {
          filler = false;
          lookups[typedKey].meant = true;
        }
      }
      var given = {};
      function say(wording, inner) {
        if (given[wording]) return;
        given[wording] = true;
        var alt = spelled(wording).map(function (w) {
          var key = lookup(w.fold, w.marks || null, false);
          lookups[key].meant = true;
          return key;
        });
        alt.inner = inner;
        alts.push(alt);
      }
      (wordings || []).forEach(function (wording) { say(wording, false); });
      // "công chứng giấy …" is a copy certified.
      if (wordings && had.copying[i]) say('chứng thực bản sao', false);
      // The shorter everyday phrases inside a longer one ("sổ hồng" in "mất sổ hồng căn hộ")
      // are further wordings that count for INNER, in case the catalog words the longer one's
      // case otherwise. Not in a long query, whose words are counted.
      if (wordings && n > 1 && folded.length <= SHORT_QUERY) {
        for (var len = n - 1; len > 0; len--) {
          for (var s = i; s + len <= i + n; s++) {
            (saying(folded, typed, s, len) || []).forEach(function (w) { say(w, true); });
          }
        }
      }
      // What a purpose or what the asker already has names asks for no variant (plainFirst).
      if (!had[i] && !aim[i]) alts.forEach(function (alt) { alt.forEach(function (key) { lookups[key].asksVariant = true; }); });
      groups.push({ alts: alts, weight: filler ? FILLER : had[i] ? HAD : aim[i] ? PURPOSE : 1, at: i, n: n });
    });
    // Who asks, when the query also says what for ("cty tnhh nhà hàng tạm ngừng kinh doanh"):
    // the company weighs less than the thing it asks for.
    var who = groups.filter(function (g) { return g.weight === 1 && companyOnly(folded, g); });
    if (who.length < groups.filter(function (g) { return g.weight === 1; }).length) who.forEach(function (g) { g.weight = WHO; });
    // A long query (a whole name pasted, a long sentence) reads at most LOOKUPS words and
    // about BUDGET kB of index (a shard the manifest lists as heavy at its size, any other at
    // 1 kB): past either, the commonest words go first, their groups kept as gaps so the words
    // around them still count as side by side. A short query keeps every word typed, however
    // many words its everyday phrases add, but reads at most SHORT_BUDGET kB: past it, the
    // commonest words of the official wordings go ("cấp" of "hộ chiếu hết hạn": "cấp hộ chiếu
    // phổ thông"). The shards of everyday phrases its runs of words need count too, but not
    // those of a run with a word left out.
    var dropped = Object.create(null), gone = Object.create(null), shardsOf = Object.create(null), runs = phraseShards(folded, typed);
    var kbOf = function (k) { return manifest.kb[k] || 1; };
    order.forEach(function (key) { shardsOf[key] = shardsFor(lookups[key].word, true); });
    function phraseKeys() {
      var keys = {};
      runs.forEach(function (run) {
        if (run.words.every(function (w) { return !gone[w]; })) keys[run.key] = true;
      });
      return Object.keys(keys).sort();
    }
    function cost() {
      var kept = order.filter(function (key) { return !dropped[key]; }), seen = {}, kb = 0;
      var keys = phraseKeys();
      kept.forEach(function (key) { keys = keys.concat(shardsOf[key]); });
      keys.forEach(function (k) {
        if (!seen[k]) kb += kbOf(k);
        seen[k] = true;
      });
      return { n: kept.length, kb: kb };
    }
    var short = folded.length <= SHORT_QUERY;
    if (!short || cost().kb > SHORT_BUDGET) {
      // The first words typed stay: a name, and most people, say the thing to do first.
      var first = Object.create(null);
      groups.forEach(function (group) {
        if (short || group.at < KEEP_FIRST) group.alts[0].forEach(function (key) { first[key] = true; });
      });
      // The commonest words go first, then the heaviest to read.
      var rank = Object.create(null), uncommon = manifest.commonest.length;
      manifest.commonest.forEach(function (w, i) { rank[w] = i; });
      // A word typed with diacritics is as common as its spelling: "tử" is rare, though "tu" is not.
      var rankOf = function (key) {
        var l = lookups[key];
        if (!(l.word in rank)) return uncommon;
        if (l.spelling !== null && manifest.spelledTerms[l.word] && !manifest.spelledCommon[l.word + '~' + l.spelling]) return uncommon;
        return rank[l.word];
      };
      var weight = function (key) {
        return shardsOf[key].reduce(function (kb, k) { return kb + kbOf(k); }, 0);
      };
      order.filter(function (key) { return !first[key]; }).sort(function (a, b) {
        return !!lookups[a].meant - !!lookups[b].meant || rankOf(a) - rankOf(b) || weight(b) - weight(a);
      }).forEach(function (key) {
        var before = cost();
        if (short ? before.kb <= SHORT_BUDGET : before.n <= LOOKUPS && before.kb <= BUDGET) return;
        var word = lookups[key].word;
        dropped[key] = true;
        var still = order.some(function (k) { return !dropped[k] && lookups[k].word === word; });
        if (!still) gone[word] = true;
        // A word whose shards another word kept still reads saves nothing: it stays.
        if ((short || before.n <= LOOKUPS) && cost().kb >= before.kb) {
          delete dropped[key];
          delete gone[word];
        }
      });
    }
    order = order.filter(function (key) { return !dropped[key]; });
    groups.forEach(function (group) {
      group.alts = group.alts
        .map(function (alt, a) {
          // A word left out of an official wording stays its place ("trợ cấp ưu đãi _ trần"): the
          // wording stands word for word in a name, so its other words are still side by side.
          var kept = a ? alt.map(function (key) { return dropped[key] ? null : key; }) :
            alt.filter(function (key) { return !dropped[key]; });
          kept.inner = alt.inner;
          kept.typed = !a;
          return kept;
        })
        .filter(function (alt) { return alt.some(function (key) { return key !== null; }); });
      group.skipped = !group.alts.length;
    });
    // Shards: a whole word needs one; a prefix every shard under it, unless that is too many
    // while it is still being typed (then it waits) or once finished (then it is taken whole).
    var steps = [], waiting = false;
    order.forEach(function (key) {
      var l = lookups[key];
      if (l.prefix) {
        var keys = shardsFor(l.word, false);
        if (keys.length <= 3) l.keys = keys;
        else if (finished || folded.length > 1) {
          l.prefix = false;
          l.keys = shardsFor(l.word, true);
        } else {
          waiting = true;
          l.keys = [];
        }
      } else {
        l.keys = shardsFor(l.word, true);
      }
      l.key = key;
      steps.push(l);
    });
    return {
      steps: steps, lookups: lookups, groups: groups, phraseKeys: phraseKeys(), folded: folded,
      waiting: waiting && steps.every(function (l) { return !l.keys.length; }),
    };
  }

  // The shards of the everyday phrases a first word has too many of to keep in its own shard:
  // for each run of two to PHRASE_WORDS words side by side in the query, abbreviations also
  // spelled out ("mở cty": "mo cong ty") or without its little words (`gapless`), joined by
  // "_" (src/search.rs shard), the longest key it starts with, where a phrase of those words is.
  function phraseShards(folded, typed) {
    var flat = [], found = {};
    spelledOut(folded, typed).forEach(function (w) { flat.push.apply(flat, w.split(' ')); });
    [folded, flat, gapless(folded)].forEach(function (list) {
      for (var i = 0; i + 1 < list.length; i++) {
        for (var n = 2; n <= PHRASE_WORDS && i + n <= list.length; n++) {
          var run = list.slice(i, i + n), joined = run.join('_'), key = '';
          for (var end = joined.length; end > 0 && !key; end--) {
            if (manifest.phraseKeys[joined.slice(0, end)]) key = joined.slice(0, end);
          }
          // A run that starts with a word not typed but spelt out ("hổng": "không") finds its
          // phrases in that word's shard.
          if (!key && list === flat && folded.indexOf(run[0]) < 0) key = shardsFor(run[0], true)[0];
          if (key) found[key + ' ' + run.join(' ')] = { key: key, words: run };
        }
      }
    });
    return Object.keys(found).map(function (k) { return found[k]; });
  }

  // The words of what the asker already has, told on the way to what they need: "có cccd
  // rồi", "có cccd nhưng chưa …", "đã có giấy khai sinh (nhưng …)". Per typed word, whether
  // it is one of them.
  function already(folded, typed, cut) {
    var had = typed.map(function (w) { return w.had; }), k;
    had.copying = {};
    folded.forEach(function (w, j) {
      if (w !== 'co' || (typed[j].marks && typed[j].marks !== marks('có'))) return;
      var end = -1;
      for (k = j + 2; k <= j + 5 && k < folded.length; k++) {
        // "có cccd rồi", "có cccd nhưng chưa …", "có sổ mà không …".
        if (folded[k] === 'roi' || ((folded[k] === 'nhung' || folded[k] === 'ma') && /^(chua|khong)$/.test(folded[k + 1]))) {
          end = k;
          break;
        }
      }
      if (end < 0 && folded[j - 1] === 'da') {
        for (end = j + 1; end < folded.length && end <= j + 4 && !HAD_UNTIL[folded[end]]; end++);
      }
      for (k = j + 1; k < end; k++) had[k] = true;
    });
    // The paper one has copied, certified or legalised ("sao y giấy đăng ký kết hôn", "công
    // chứng giấy khai sinh"): what is asked is the copying, not the paper's own procedure.
    folded.forEach(function (w, j) {
      var n = COPYING[w + ' ' + folded[j + 1]] || COPYING[w + ' ' + folded[j + 1] + ' ' + folded[j + 2]];
      // "chứng thực bản sao cccd": the copy is asked, the paper after it is had.
      if (n && folded[j + n] === 'ban' && /^(sao|photo|chinh)$/.test(folded[j + n + 1] || '')) n += 2;
      if (!n || !PAPERS[folded[j + n]] || (folded[j + n] === 'giay' && WRITTEN[folded[j + n + 1]])) return;
      had.copying[j] = true;
      for (k = j + n; k < folded.length && k < j + n + 6 && !(cut && cut[k]) && !HAD_UNTIL[folded[k]]; k++) had[k] = true;
    });
    return had;
  }
  var COPYING = { 'sao y': 2, 'cong chung': 2, 'chung thuc': 2, 'hop phap hoa': 3 };
  // … a paper issued ("giấy …", "bằng …", "cccd", "học bạ", "sổ …", "hộ chiếu", "thẻ …", "căn
  // cước"), not one written and signed oneself ("giấy ủy quyền", "giấy mua bán", "giấy cam kết").
  var PAPERS = { giay: 1, bang: 1, cccd: 1, cmnd: 1, hoc: 1, so: 1, ho: 1, the: 1, can: 1 };
  var WRITTEN = { uy: 1, mua: 1, cam: 1, vay: 1, no: 1, thoa: 1, tang: 1, cho: 1, ban: 1 };
  var HAD_UNTIL = { nhung: 1, ma: 1, gio: 1, muon: 1, roi: 1, thi: 1, can: 1, xin: 1, lam: 1, de: 1 };

  // The words of a purpose ("làm hộ chiếu để đi xuất khẩu lao động": the paper is asked, not the
  // going abroad), from "để" to the next punctuation: `aim[k]` for each. Not "để" as a verb
  // ("để lại", "để xe", "không để di chúc"), nor "đề" typed bare ("de nghi", "de xuat"), nor
  // when little is asked before it ("hồ sơ để làm công chứng viên": the purpose is what is
  // asked).
  function purpose(folded, typed, cut) {
    var aim = [];
    folded.forEach(function (w, j) {
      if (w !== 'de' || (typed[j].marks && typed[j].marks !== marks('để'))) return;
      if (/^(lai|xe|nghi|xuat)$/.test(folded[j + 1] || '') || /^(khong|chua|da|duoc)$/.test(folded[j - 1] || '')) return;
      // Asked in its own clause: "làng mình có thác đẹp, xã muốn làm hồ sơ để được công nhận
      // là khu du lịch" asks for the recognition, the words before the comma tell a story.
      var asked = 0, k, from = j;
      while (from > 0 && !(cut && cut[from])) from--;
      for (k = from; k < j; k++) {
        var generic = ASKING[folded[k]] || GENERIC_PAIRS[folded[k] + ' ' + folded[k + 1]] ||
          GENERIC_PAIRS[folded[k - 1] + ' ' + folded[k]];
        if (!generic && !isFiller(typed[k])) asked++;
      }
      if (asked < 2) return;
      for (k = j + 1; k < folded.length && !(cut && cut[k]); k++) aim[k] = true;
    });
    return aim;
  }
  var ASKING = { can: 1, gi: 1, lam: 1, xin: 1, muon: 1, minh: 1, toi: 1 };
  var GENERIC_PAIRS = { 'ho so': 1, 'giay to': 1, 'thu tuc': 1 };

  // A phrase's words without the little words that only say when or how it happened ("bằng
  // tốt nghiệp bị sai ngày sinh" is "bằng tốt nghiệp sai ngày sinh", "thương binh vừa qua
  // đời" "thương binh qua đời", "cccd ghi sai" "cccd sai"): not its first or last word. Not
  // "in" ("in sai tên"): "nhà in sách" is no "nhà sách".
  function gapless(words) {
    return words.filter(function (w, i) {
      // "ông bị mất (sổ)" is not "ông mất", died.
      return !(GAPS[w] && i > 0 && i < words.length - 1 && !(w === 'bi' && words[i + 1] === 'mat'));
    });
  }
  var GAPS = { bi: 1, da: 1, vua: 1, ghi: 1, sap: 1 };

  // Whether the words of a group only say it is a company ("cty", "công ty tnhh", "doanh
  // nghiệp"): nothing is left once the COMPANY_WORDS are taken out.
  function companyOnly(folded, group) {
    var text = ' ' + folded.slice(group.at, group.at + group.n).join(' ') + ' ', rest = text, before;
    do {
      before = rest;
      rest = rest.replace(COMPANY_WORDS, ' ');
    } while (rest !== before);
    return rest !== text && rest.trim() === '';
  }

  // The query cut into everyday phrases and single words: the cut whose phrases are longest
  // (each weighing its length squared), so "mất bằng tốt nghiệp | cấp 3" wins over "mất | bằng
  // | tốt nghiệp cấp 3"; among equal cuts, the longer phrase at the end, so the thing named
  // ("bằng lái" in "cấp lại bằng lái") wins over a phrase that only starts with it ("cấp lại
  // bằng"). No phrase reads across a `cut` of the punctuation.
  function segments(folded, cut, typed) {
    var full = spelledOut(folded, typed);
    // best[e]: the worth of the best cut of the first e words; last[e]: its last piece.
    var best = [0], last = [], e, n;
    for (e = 1; e <= folded.length; e++) {
      best[e] = -1;
      for (n = Math.min(longest, e); n > 0; n--) {
        if (n > 1 && cut && cut.slice(e - n + 1, e).some(Boolean)) continue;
        // Spelt out or without its little words, a phrase is another key, or none (the same key
        // typed with other diacritics stays off).
        var key = folded.slice(e - n, e).join(' '), other;
        var wordings = saying(folded, typed, e - n, n) ||
          (n > 1 && (other = full.slice(e - n, e).join(' ')) !== key && everyday[other]) ||
          (n > 2 && (other = gapless(folded.slice(e - n, e)).join(' ')) !== key && everyday[other]) || null;
        if (!wordings && n > 1) continue;
        var worth = best[e - n] + (wordings ? n * n : 0);
        if (worth > best[e]) {
          best[e] = worth;
          last[e] = { at: e - n, n: n, wordings: wordings };
        }
      }
    }
    var out = [];
    for (e = folded.length; e > 0; e -= last[e].n) {
      var piece = last[e];
      // A word whose everyday meaning yields to the rest of the query ("mất" next to "khai tử"
      // means died, not lost): left out, like a phrase that only asks how. A phrase so ("sai
      // ngày sinh" next to "bằng tốt nghiệp"): read as the words typed.
      if (piece.wordings && piece.wordings.length && yielded(folded, piece.at, piece.n)) {
        piece.wordings = piece.n === 1 ? [] : null;
      }
      out.unshift(piece);
    }
    return out;
  }

  // The wordings of the everyday phrase of the `n` words at `at`, unless typed with other
  // diacritics than the list writes it with: a tone typed that is another ("tự ký" is not
  // "tự kỷ", "cccd hồng" not "cccd hỏng") or a mark its word lacks ("cuối" is not "cưới",
  // "cccd hổng" not "cccd hỏng"). A mark left out is no other spelling, nor hỏi for ngã, which the South says alike.
  function saying(folded, typed, at, n) {
    var wordings = everyday[folded.slice(at, at + n).join(' ')], spelling = wordings && wordings.spelling;
    for (var k = 0; spelling && k < n; k++) {
      var m = typed[at + k].marks, code = 0;
      if (!m) continue;
      Array.from(m).forEach(function (c) { code |= MARK_CODES[c] || 0; });
      var tone = code & 7, meant = spelling[k] & 7;
      if ((code >> 3) & ~(spelling[k] >> 3)) return null;
      if (tone && tone !== meant && !(tone > 2 && tone < 5 && meant > 2 && meant < 5)) return null;
    }
    return wordings;
  }

  // An abbreviation typed inside a phrase reads as what it stands for: "mở cty" is "mở công
  // ty", "dk kết hôn" is "đăng ký kết hôn"; so does a word of chat or of the regions as typed
  // (CHAT): "hổng có lương hưu" is "không có lương hưu".
  function spelledOut(folded, typed) {
    return folded.map(function (w, i) {
      var chat = typed && typed[i].word && CHAT[typed[i].word];
      if (chat) return chat;
      var wordings = everyday[w];
      if (!wordings || wordings.length !== 1) return w;
      var full = words(wordings[0]);
      return full.length > 1 && full.indexOf(w) < 0 ? full.join(' ') : w;
    });
  }

  // Whether the `n` words at `at` have a phrase of the manifest's `yields` elsewhere in the query.
  function yielded(folded, at, n) {
    var phrases = manifest.yielding[folded.slice(at, at + n).join(' ')];
    if (!phrases) return false;
    var text = ' ' + folded.join(' ') + ' ';
    return phrases.some(function (phrase) { return text.indexOf(' ' + phrase + ' ') >= 0; });
  }

  var SHORT_QUERY = 12; // typed words a query may have and still be read whole
  var LOOKUPS = 24; // words a longer query reads at most, when the manifest's common words allow
  var BUDGET = 36; // kB of index a longer query reads at most, when they allow
  var SHORT_BUDGET = 48; // … and a shorter one, its words typed all read
  // A diacritic's part of a word's mark code (src/search.rs mark_code): the tone, then ̂, ̆,
  // ̛ and đ.
  var MARK_CODES = { '\u0300': 1, '\u0301': 2, '\u0309': 3, '\u0303': 4, '\u0323': 5, '\u0302': 8, '\u0306': 16, '\u031b': 32, 'đ': 64 };
  // Words of chat and of the regions, as typed, and the word they stand for, folded: an everyday
  // phrase is looked for with it too.
  // No inherited keys: a word typed may be "constructor".
  var CHAT = Object.assign(Object.create(null), {
    ko: 'khong', k: 'khong', kg: 'khong', khg: 'khong', hok: 'khong', hk: 'khong', khum: 'khong', 'hông': 'khong',
    'hổng': 'khong', dc: 'duoc', 'đc': 'duoc', j: 'gi', vs: 'voi', 'mô': 'dau', 'răng': 'sao',
  });
  var PHRASE_WORDS = 6; // words of an everyday phrase at most, as its shard is looked for
  var KEEP_FIRST = 3; // … its first words typed read whatever they weigh
  var FILLER = 0.25; // a filler word's weight
  var HAD = 0.3; // a word of what the asker already has ('có cccd rồi')
  var PURPOSE = 0.5; // a word of what it is for ('… để đi xuất khẩu lao động')
  var WHO = 0.5; // a word that only says the asker is a company, beside what it asks for
  var PREFIX = 0.6; // a prefix match against a whole word
  var MISSPELT = 0.4; // a typed diacritic the name spells otherwise ("thải" for "thai")
  var PHRASE = 0.5; // a pair of query words side by side in the name, in order, as a word of its own
  var PAIR_GAP = 3; // … at most so many words apart in the query, the words the name lacks between
  var WORDING_PAIRS = 2; // … and those inside an official wording count as so many per word typed, at most
  var HEAD = 0.6; // query words met near the start of the name
  var HEAD_WORDS = 4; // … counting half as much this many words in
  var HEAD_LAST = 29; // … and alike past this word
  var LATE = 0.5; // a pair side by side past the 32nd word
  var APART = 0.8; // an everyday phrase's typed words, all in the name but not side by side
  var WORDING_APART = 0.9; // … one of its official wordings so
  var PARTIAL = 0.5; // an official wording of an everyday word, met only in part
  var WORDING_MOST = 7; // what an everyday phrase weighs at most per word typed
  var WORDING_TYPED = 1.5; // … and at most so many times what its typed words weigh
  var TYPED = 0.9; // an everyday phrase's typed words, met as they stand
  var INNER = 0.4; // a wording of a shorter everyday phrase inside the one typed
  var ALSO = 0.4; // each further wording of the same everyday phrase a name meets (two at most)
  var STRAY = 3; // names a mended real word must stand in next to a neighbour
  var RUN_TOGETHER = 4; // letters a typed word needs to be taken for two run together
  var SAID_SLIP = 0; // a slip mended to a word of the everyday list only: when no indexed word will do
  var COVER = 0.5; // the share of the name the query covers (a long catch-all name, little)
  var SHORT = 0.05; // shorter names first among equals
  var NEAR = 0.7; // a score this share of the first's keeps a name that meets few of the words
  var WEAK = 0.25; // below this share of the query met by any name, nothing matches closely
  var STORY = 9; // typed words from which a query is a story, whose single words meet long names by chance
  var STORY_MET = 0.85; // … unless a name meets this share of it: a name pasted whole
  var LOOSE_K = 2; // … BM25's k1 for what single words meet
  var LOOSE_B = 0.9; // … and its b: how much a name's length, against the mean, counts

  // Per looked-up word: per document, its best match (source weight, whole or prefix, the
  // right diacritics) and where it stands in the name; and its weight, rarer words weighing more.
  function match(step, shards, n) {
    var score = new Float32Array(n), at = new Int32Array(n), at2 = new Int32Array(n), count = 0;
    // Names that spell the word as typed: a typed "tử" is as rare as "tử", not as "tu", "tư",
    // "từ" and "tự" together.
    var spelt = new Uint8Array(n), spelled = 0;
    shards.forEach(function (terms) {
      terms.forEach(function (t) {
        var whole = t.term === step.word;
        if (!whole && !(step.prefix && t.term.lastIndexOf(step.word, 0) === 0)) return;
        var q = whole ? 1 : PREFIX, fits = step.spelling === null ? null : fitting(t, step.spelling);
        manifest.weights.forEach(function (weight, s) {
          var docs = t.sets[s];
          for (var k = 0; k < docs.length; k++) {
            var d = docs[k], v = weight * q;
            if (s === 0) {
              at[d] |= t.positions[k];
              at2[d] |= t.positions2[k];
              if (step.spelling !== null && t.spellingOf && !fits[t.spellingOf[k]]) v *= MISSPELT;
            }
            if (v === weight * q && !spelt[d]) { spelt[d] = 1; spelled++; }
            if (score[d] < v) {
              if (!score[d]) count++;
              score[d] = v;
            }
          }
        });
      });
    });
    return { score: score, at: at, at2: at2, idf: idf(step.spelling !== null && spelled ? spelled : count, n), count: count };
  }

  // Per spelling a term has in names, whether it is `spelling`: a name may spell the word two
  // ways, joined by '|' ("Cấp đổi … đối với").
  function fitting(t, spelling) {
    return t.spellings.map(function (s) { return s.split('|').indexOf(spelling) >= 0; });
  }

  // A word typed in Telex or VNI with the input method off, as the folded word it spells:
  // "ddawng" → "dang", "chieeus" → "chieu", "kys" → "ky", "da9ng" → "dang".
  function untelex(word) {
    if (/[a-z]/.test(word) && /[1-9]/.test(word)) return word.replace(/[0-9]/g, '');
    return word
      .replace(/dd/g, 'd')
      .replace(/(a)[aw]|(e)e|(o)[ow]|(u)w/g, '$1$2$3$4')
      .replace(/([aeiouy][a-z]*)[sfrxjz]$/, '$1')
      .replace(/([aeiouy])[sfrxj](?=[cmnpt])/, '$1')
      .replace(/([bcdghklmnpqrstvx])w/g, '$1u');
  }

  // Whether `term` is `typed` with one slip mended: a letter left out, two letters swapped, or,
  // in words of four letters or more, a letter mistyped or one too many. Both folded.
  function oneSlip(typed, term) {
    var a = Array.from(typed), b = Array.from(term), i = 0;
    if (Math.abs(a.length - b.length) > 1 || typed === term) return false;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    var rest = function (x, from) { return x.slice(from).join(''); };
    if (a.length < b.length) return rest(a, i) === rest(b, i + 1);
    if (a.length > b.length) return a.length >= 4 && rest(a, i + 1) === rest(b, i);
    if (rest(a, i + 1) === rest(b, i + 1)) return a.length >= 4;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && rest(a, i + 2) === rest(b, i + 2);
  }

  // The upper half of a 64-bit mask in two halves, moved one word on (the lower half is lo << 1).
  function shiftedHigh(lo, hi) {
    return (hi << 1) | (lo >>> 31);
  }

  // The first place of a 64-bit mask in two halves (not empty).
  function lowest(lo, hi) {
    return lo ? 31 - Math.clz32(lo & -lo) : 63 - Math.clz32(hi & -hi);
  }

  // How much a word (or a pair of words side by side) found in `count` of `n` names weighs:
  // the rarer, the more.
  function idf(count, n) {
    return Math.max(0.1, Math.log((n - count + 0.5) / (count + 0.5)));
  }

  function rank(p, shards, relaxed) {
    var n = manifest.documents, lengths = shards.lengths, d, g, a, w;
    var m = Object.create(null);
    // Each step's matches, once per query (`bestAsTyped` ranks the same steps again).
    var matched = shards.matched || (shards.matched = Object.create(null));
    p.steps.forEach(function (step, i) {
      m[step.key] = matched[step.key] || (matched[step.key] = match(step, shards[i], n));
      m[step.key].id = i;
    });
    // Each alternative's matches by place, looked up here once, not per name below.
    var S = p.steps.length;
    p.groups.forEach(function (group) {
      group.alts.forEach(function (alt) { alt.m = alt.map(function (key) { return key === null ? null : m[key]; }); });
    });
    var total = new Float32Array(n), fracs = new Float32Array(n), best = 0, W = 0, touched = [];
    var seen = new Uint8Array(n);
    // The words that decide: every alternative's words, a document's best alternative per group.
    p.groups.forEach(function (group) {
      var most = 0;
      group.sums = group.alts.map(function (alt) {
        var sum = 0;
        // Its words looked up (a word left out is null): one is a single word (`loose` below).
        alt.looked = 0;
        alt.forEach(function (key) {
          if (key === null) return;
          sum += m[key].idf;
          alt.looked++;
        });
        most = Math.max(most, sum);
        return sum;
      });
      // An everyday phrase with long wordings ("việt kiều về nước": "người Việt Nam định cư ở
      // nước ngoài") weighs at most WORDING_MOST per word typed, unless its typed words weigh more,
      // and not much more than its typed words: "đại sứ quán" ("cơ quan đại diện Việt Nam ở
      // nước ngoài") does not outweigh the "khai sinh" asked for there.
      if (group.alts.length > 1) {
        var cap = Math.min(WORDING_MOST * group.alts[0].length, group.sums[0] ? WORDING_TYPED * group.sums[0] : Infinity);
        most = Math.max(group.sums[0], Math.min(most, cap));
      }
      group.most = most;
      W += group.weight * most;
      group.alts.forEach(function (alt) {
        alt.forEach(function (key) {
          if (key === null) return;
          var s = m[key].score;
          for (d = 0; d < n; d++) if (s[d] && !seen[d]) { seen[d] = 1; touched.push(d); }
        });
      });
    });
    if (!W) return [];
    // Where the words of `alt` stand side by side, in order, in the name of `d`: the first place
    // of its first word so followed (-1 when nowhere). Places are 64-bit masks in two halves.
    // A word left out (null) may be any word.
    function sideBySide(alt, d) {
      var i = 0, am = alt.m;
      while (am[i] === null) i++;
      var lo = am[i].at[d], hi = am[i].at2[d];
      for (i++; i < am.length; i++) {
        hi = shiftedHigh(lo, hi);
        lo <<= 1;
        if (am[i] === null) continue;
        hi &= am[i].at2[d];
        lo &= am[i].at[d];
      }
      return lo || hi ? Math.max(0, lowest(lo, hi) - (alt.length - 1)) : -1;
    }
    // First pass: per document, how well each group is met, and which pairs of query words
    // stand side by side in its name, in order (a pair numbered by its steps, first * S + second).
    var docs = [], together = new Int32Array(S * S), saidBy = new Uint8Array(n);
    for (var t = 0; t < touched.length; t++) {
      d = touched[t];
      var base = 0, loose = 0, head = 0, covered = 0, covered2 = 0, named = 0, strong = false, meant = false, previousId = 0, hits = [];
      var previous = 0, previous2 = 0, previousEnd = -1, late = [], said = false, hitShares = [], lateShares = [];
      for (g = 0; g < p.groups.length; g++) {
        var group = p.groups[g], top = 0, topAlt = null, met = 0;
        // A common word left out: the next word may stand one further on.
        if (group.skipped) {
          previous2 = shiftedHigh(previous, previous2);
          previous <<= 1;
          continue;
        }
        for (a = 0; a < group.alts.length; a++) {
          var alt = group.alts[a], am = alt.m, sum = 0, whole = true;
          for (w = 0; w < am.length; w++) {
            if (am[w] === null) continue;
            var v = am[w].score[d];
            sum += am[w].idf * v;
            if (!v) whole = false;
          }
          // Any wording of the group, fully matched, meets it fully. A short official wording
          // met in part is mostly another word ("lại" is not "cấp lại" for "mất") and counts for
          // less; a long one met in part is the same thing named shorter ("Giấy chứng nhận").
          sum = sum / group.sums[a];
          if (a > 0 && !whole && alt.length <= 2) sum *= PARTIAL;
          // An everyday phrase met with its words only apart, never side by side and in order,
          // says less: typed words ("xây … nhà máy" for "xây nhà") much less, an official
          // wording ("hộ thoát nghèo, hộ thoát cận nghèo" for "hộ cận nghèo") a little.
          if (whole && alt.length > 1 && group.alts.length > 1 && sideBySide(alt, d) < 0) {
            sum *= a ? WORDING_APART : APART;
          }
          if (alt.inner) sum *= INNER;
          // An everyday phrase's typed words met as they stand ("không có lương hưu" inside "Hỗ
          // trợ chi phí mai táng … mà không có lương hưu") count a little less than what the
          // list says it means.
          if (a === 0 && group.alts.length > 1) sum *= TYPED;
          // Of the alternatives a name meets as well, the longest says most: its pairs side by
          // side and the share of the name it covers count ("đăng ký tàu cá" met as "Cấp giấy
          // chứng nhận đăng ký tàu cá, tàu phục vụ nuôi trồng thủy sản").
          if (sum > top || (sum === top && sum > 0 && alt.length > topAlt.length)) { top = sum; topAlt = alt; }
          if (a > 0 && !alt.inner && sum >= 0.99) {
            met++;
            if (group.weight === 1) said = true;
          }
        }
        if (!topAlt) continue;
        // An everyday phrase's wordings are alternatives, but a name that meets several of them
        // ("lấy chồng Hàn Quốc": "đăng ký kết hôn" and "có yếu tố nước ngoài") is the likelier.
        var further = Math.min(2, met - (topAlt !== group.alts[0] ? 1 : 0));
        if (further > 0 && group.alts.length > 2) top += ALSO * further;
        base += group.weight * group.most * top;
        if (topAlt.looked === 1) loose += group.weight * group.most * top;
        if (group.weight === 1) strong = true;
        if (group.weight > FILLER) meant = true;
        var places = 0, places2 = 0, inside = 0;
        // The pairs inside an official wording much longer than what was typed count together
        // as WORDING_PAIRS per word typed: "cắt trợ cấp" read as "thực hiện, điều chỉnh, thôi
        // hưởng trợ cấp xã hội hàng tháng" does not outweigh the "nghệ nhân" typed with it.
        var wordingPairs = topAlt.typed ? 0 : topAlt.looked - 1;
        var pairShare = wordingPairs > 0 ? Math.min(1, WORDING_PAIRS * group.n / wordingPairs) : 1;
        for (w = 0; w < topAlt.length; w++) {
          var tm = topAlt.m[w];
          if (tm === null) continue;
          var here = tm.at[d], here2 = tm.at2[d];
          places |= here;
          places2 |= here2;
          // Each word once, however often the name repeats it.
          if ((here || here2) && !(covered & here) && !(covered2 & here2)) named++;
          covered |= here;
          covered2 |= here2;
          // A word the name lacks is passed over: "giấy khai sinh" still meets "ký khai sinh";
          // but not words far apart in the query ("nhà … báo công an" is no "nhà báo").
          if (group.weight === 1 && (here || here2)) {
            var near = group.at - previousEnd <= PAIR_GAP;
            var share = inside++ ? pairShare : 1;
            if (near && (previous << 1) & here) { hits.push(previousId * S + tm.id); hitShares.push(share); }
            else if (near && shiftedHigh(previous, previous2) & here2) { late.push(previousId * S + tm.id); lateShares.push(share); }
            previousEnd = group.at + group.n - 1;
            previous = here;
            previous2 = here2;
            previousId = tm.id;
          }
        }
        // Where the name meets the group: an official name says its main thing first. A group
        // of several words is met where they stand together ("trợ cấp" in "Hỗ trợ chi phí …,
        // trợ cấp …" is late, not at "trợ"); past the 30th word, all places are alike.
        var first = places || places2 ? lowest(places, places2) : -1;
        if (topAlt.length > 1) {
          var side = sideBySide(topAlt, d);
          if (side >= 0) first = side;
        }
        if (first >= 0) head += group.weight * group.most * top / (1 + Math.min(first, HEAD_LAST) / HEAD_WORDS);
      }
      // A name that meets only what the query is for, or what the asker has, is no result, but
      // is still listed last ("đào lề đường để kéo ống nước vào nhà": the water connection).
      if (!strong && !relaxed && !meant) continue;
      var aside = !strong && !relaxed;
      for (w = 0; !aside && w < hits.length; w++) together[hits[w]]++;
      for (w = 0; !aside && w < late.length; w++) together[late[w]]++;
      docs.push({ d: d, base: base, loose: loose, head: head, named: named, hits: hits, late: late, hitShares: hitShares, lateShares: lateShares, aside: aside });
      if (said) saidBy[d] = 1;
    }
    // Second pass: a pair side by side counts as a word of its own, weighing as rare as the
    // pair is ("khai tử" is rarer than "khai" and "tử" apart).
    // A long query that no name meets most of is a story, not a name pasted whole.
    var out = [], aside = [], most = 0;
    for (t = 0; t < docs.length; t++) if (!docs[t].aside) most = Math.max(most, docs[t].base);
    var story = p.folded.length >= STORY && most < STORY_MET * W;
    for (t = 0; t < docs.length; t++) {
      var doc = docs[t], phrase = 0;
      d = doc.d;
      for (w = 0; w < doc.hits.length; w++) phrase += doc.hitShares[w] * idf(together[doc.hits[w]], n);
      for (w = 0; w < doc.late.length; w++) phrase += LATE * doc.lateShares[w] * idf(together[doc.late[w]], n);
      var length = lengths[d] || 1;
      // In a long query, a story, a name meets single words here and there the more of them
      // the longer it is ("Ngừng kinh doanh dịch vụ viễn thông … thành phố … phương tiện …" for
      // a student renting a room in town): what single words meet counts as BM25 counts a word,
      // less in a name longer than most, more in a shorter one.
      var frac = doc.base / W;
      if (story) frac += doc.loose / W * ((1 + LOOSE_K) / (1 + LOOSE_K * (1 - LOOSE_B + LOOSE_B * length / lengths.mean)) - 1);
      var score = frac * (1 + COVER * Math.min(1, doc.named / length)) + (PHRASE * phrase + HEAD * doc.head) / W -
        SHORT * Math.min(length, 40) / 40;
      total[d] = score;
      fracs[d] = frac;
      if (doc.aside) aside.push(d);
      else {
        if (frac > best) best = frac;
        out.push(d);
      }
    }
    // Not every word is required, but a document must hold a fair share of what was asked, or
    // rank near the first (a short name met whole, "Đăng ký thường trú", next to a long one that
    // meets more of a long query's words), or say in full what an everyday phrase of the query
    // means ("nhập hộ khẩu" in a long story of moving house): those are the results. Every other
    // name that meets a word asked follows them, after "Xem thêm", as a partial match: a story
    // that tells two things ("dãy trọ bị cháy … có được giảm thuế") still lists the one its words
    // meet less, and no procedure a word of the query names is missing from the list.
    var floor = best * 0.5, highest = 0;
    out.forEach(function (d) { highest = Math.max(highest, total[d]); });
    var close = [], nearer = [];
    out.forEach(function (d) {
      if (!passes(d)) return;
      if (fracs[d] >= floor || total[d] >= highest * NEAR || saidBy[d]) close.push(d);
      else nearer.push(d);
    });
    var byScore = function (a, b) { return total[b] - total[a] || a - b; };
    out = close.sort(byScore).concat(nearer.sort(byScore), aside.filter(passes).sort(byScore));
    out.close = close.length;
    out.scores = total;
    // No name meets a fair share of the query, nor says an everyday phrase of it in full: the
    // site has no such procedure ("rút bhxh một lần" on a site of land and civil status), and
    // the status line says the names shown are only the nearest.
    out.weak = best < WEAK && !out.some(function (d) { return saidBy[d]; });
    return out;
  }

  // The name the words typed meet best, read as they stand, for the first page's last place
  // (show() puts it there): an everyday phrase can mean another thing than the list says ("nhà
  // mới xây chưa có số nhà" asks for a house number, not for a house to add to the land
  // certificate), and the name asked for is still shown. Only one of the first AS_TYPED of that
  // reading that the everyday reading found past its full page, among its results (not the
  // nearest after them): on a short list, the words typed alone meet names by chance. Undefined
  // when there is none.
  var AS_TYPED = 3;
  function bestAsTyped(results, p, shards) {
    if (results.close <= PAGE) return undefined;
    var said = false;
    var groups = p.groups.map(function (group) {
      var typed = group.alts.filter(function (alt) { return alt.typed; });
      if (typed.length !== group.alts.length) said = true;
      return { alts: typed.map(function (alt) { return alt.slice(); }), weight: group.weight, at: group.at, n: group.n, skipped: !typed.length };
    });
    if (!said) return undefined;
    var asTyped = rank({ steps: p.steps, lookups: p.lookups, groups: groups, phraseKeys: p.phraseKeys, folded: p.folded }, shards, false);
    return asTyped.slice(0, AS_TYPED).filter(function (d) {
      var at = results.indexOf(d);
      return at >= PAGE && at < results.close;
    })[0];
  }

  // Names that say a variant the query did not ask for give way to the plain procedure: "làm
  // căn cước" means "Cấp thẻ căn cước", not "Cấp đổi thẻ căn cước"; "khai tử" the one at home,
  // not "… cho công dân Việt Nam ở nước ngoài"; one procedure, not "Liên thông …" several done
  // together. Only the first page is re-sorted, once its names are here (the store rows it
  // shows), so this reads nothing more. A variant is asked for when all its words are ("cấp"
  // alone does not ask for "cấp bộ"). So do names holding a rare word the query did not ask
  // for, a special case ("giấy an toàn thực phẩm cho quán ăn": not "… trong siêu thị và trung
  // tâm thương mại"): the store row lists the name's rarest words with how rare (src/search.rs
  // rare_words), and the rarest not asked takes off a little.
  var VARIANTS = ['cấp lại', 'đăng ký lại', 'lại', 'cấp đổi', 'đổi', 'gia hạn', 'điều chỉnh', 'bổ sung',
    'xóa', 'thu hồi', 'chấm dứt', 'tạm ngừng', 'hủy', 'nước ngoài', 'lưu động', 'có thời hạn', 'tạm thời',
    'đặc biệt', 'thoát nghèo', 'liên thông', 'giải thể', 'cấp bộ', 'cấp trung ương', 'thẩm quyền của bộ'].map(function (v) { return v.split(' '); });
  var ACTIONS = { 'cấp lại': 1, 'đăng ký lại': 1, 'lại': 1, 'cấp đổi': 1, 'đổi': 1, 'gia hạn': 1, 'điều chỉnh': 1, 'bổ sung': 1 };
  var PLAIN_TOO = /^(thủ tục )?(cấp|cấp mới|đăng ký)(,| và| hoặc)/;
  var VARIANT = 0.06; // what each variant not asked for takes off a name's score
  var ABROAD = 2; // … counted so many times for a name for foreigners or people abroad
  var SPECIAL = 0.01; // what each step of rareness of its rarest word not asked for takes off
  var SPECIAL_FIRST = 0.02; // … and of its rarest not asked among its first words
  var FIRST_WORDS = 4; // … so many, after "Thủ tục"
  // A procedure for organisations only (its store row ends with a 1: its `applicants` name no
  // person, src/search.rs names_a_person) gives way to one a citizen may ask for, unless the
  // query names an organisation: nearly everyone who types here asks for themselves.
  var ORGANISATIONS = 0.08;
  // A query naming a company, or a household business, and not the other: a name for the other
  // only gives way by OTHER_BUSINESS.
  var OTHER_BUSINESS = 0.1;
  var OTHER_AGE = 0.5; // what a name for other ages than the one asked takes off
  // A name for children only ("Cấp thẻ căn cước cho người dưới 14 tuổi"), when the query states
  // no age nor names a child: most who ask, ask for themselves, and its twin for adults goes first.
  var MINORS_ONLY = 0.1;
  var CHILD_WORDS = / (con|be|tre|tre em|chau|hoc sinh|so sinh|em be|nho|thieu nhi|vi thanh nien|tuoi) /;
  var COMPANY_WORDS = / (cong ty|cty|doanh nghiep|dn|tnhh|trach nhiem huu han|co phan|cp) /;
  var HOUSEHOLD_WORDS = / (ho kinh doanh|hkd|ho ca the|ca the|tiem|tiem tap hoa) /;
  var ORGANISATION_WORDS = new RegExp(' (' + ['cong ty', 'cty', 'doanh nghiep', 'dn', 'hop tac xa', 'htx', 'to chuc',
    'co quan', 'benh vien', 'chi nhanh', 'van phong', 'nha dau tu', 'xi nghiep', 'nha may',
    'ngan hang', 'dang vien', 'cong chuc', 'vien chuc', 'can bo', 'chi bo'].join('|') + ') ');

  // The ages a name is for: each range it states ("dưới 14 tuổi", "từ đủ 14 tuổi trở lên", "từ
  // đủ 75 tuổi đến 80 tuổi", "trên 80 tuổi"), as [lowest, highest]; none when it states none.
  function agesOf(folded) {
    var ranges = [], m, text = folded;
    var between = /(?:tu du|tu) (\d+) tuoi (?:den|toi) (duoi )?(\d+) tuoi/g;
    while ((m = between.exec(text))) ranges.push([+m[1], +m[3] - (m[2] ? 1 : 0)]);
    text = text.replace(between, ' ');
    var from = /(?:tu du|tu|du) (\d+) tuoi tro len|tren (\d+) tuoi/g;
    while ((m = from.exec(text))) ranges.push([m[1] ? +m[1] : +m[2] + 1, Infinity]);
    text = text.replace(from, ' ');
    var under = /duoi (\d+) tuoi/g;
    while ((m = under.exec(text))) ranges.push([0, +m[1] - 1]);
    return ranges;
  }
  // The age a query says ("con 15 tuổi", "17t", "bà cụ trên 80 tuổi"), or -1.
  function ageAsked(folded) {
    for (var i = 0; i < folded.length; i++) {
      var m = /^(\d+)t$/.exec(folded[i]);
      var n = m ? +m[1] : /^\d+$/.test(folded[i]) && folded[i + 1] === 'tuoi' ? +folded[i] : -1;
      if (n < 0 || n > 120) continue;
      return folded[i - 1] === 'tren' ? n + 1 : folded[i - 1] === 'duoi' ? n - 1 : n;
    }
    return -1;
  }

  function plainFirst(head, scores, rowOf, p) {
    var asked = Object.create(null);
    // What a purpose or what the asker already has names ("… để đi xuất khẩu lao động") asks
    // for no variant.
    Object.keys(p.lookups).forEach(function (key) { if (p.lookups[key].asksVariant) asked[p.lookups[key].word] = true; });
    var notAsked = VARIANTS.filter(function (v) {
      return !v.every(function (w) { return asked[fold(w)] || isFiller(spelled(w)[0]); });
    });
    var query = ' ' + p.folded.join(' ') + ' ', organisation = ORGANISATION_WORDS.test(query);
    // Who runs the business the query names, a company or a household, if one of them only.
    var company = COMPANY_WORDS.test(query), household = HOUSEHOLD_WORDS.test(query);
    var age = ageAsked(p.folded), child = CHILD_WORDS.test(query);
    var by = {};
    head.forEach(function (d) {
      var row = rowOf(d), name = row[0].normalize('NFC').toLowerCase().split(/[^\p{Alphabetic}\p{N}]+/u), unasked = 0;
      // A name that opens with the variant ("Đổi, cấp lại Giấy xác nhận khuyết tật", "Thủ tục
      // cấp lại …") is the variant itself and gives way twice as much as one that names it
      // on the way ("Xác định, xác định lại mức độ khuyết tật và cấp Giấy …").
      var opening = name[0] === 'thủ' && name[1] === 'tục' ? 3 : 1;
      // A name that lists the plain action with its variants ("Cấp, cấp lại …", "Đăng ký, cấp
      // …") is the plain procedure too: its variants of the action take nothing off.
      var plainToo = PLAIN_TOO.test(row[0].normalize('NFC').toLowerCase());
      notAsked.forEach(function (v) {
        if (plainToo && ACTIONS[v.join(' ')]) return;
        for (var i = 0; i + v.length <= name.length; i++) {
          if (v.every(function (w, k) { return name[i + k] === w; }) && !(v[0] === 'đổi' && name[i - 1] === 'thay')) {
            unasked += (i <= opening ? 2 : 1) * (v.join(' ') === 'nước ngoài' ? ABROAD : 1);
            break;
          }
        }
      });
      // Its rarest word not asked; and its rarest not asked among its first words, where a
      // name says its main thing ("Hỗ trợ chi phí mai táng cho người cao tuổi …" for an
      // allowance of the elderly).
      var rarest = 0, rarestFirst = 0, first = {};
      name.slice(opening - 1, opening - 1 + FIRST_WORDS).forEach(function (w) { first[fold(w)] = true; });
      (row[5] || '').split(' ').forEach(function (w) {
        var word = w.slice(0, -1), rare = +w.slice(-1);
        if (!word || asked[word]) return;
        rarest = Math.max(rarest, rare);
        if (first[word]) rarestFirst = Math.max(rarestFirst, rare);
      });
      // A name for the other kind of business gives way ("tạm ngừng kinh doanh" of a household
      // for "cty tạm ngừng kd").
      var other = false, folded = ' ' + name.map(fold).join(' ') + ' ';
      if (company !== household) {
        var forCompany = COMPANY_WORDS.test(folded), forHousehold = HOUSEHOLD_WORDS.test(folded);
        other = company ? forHousehold && !forCompany : forCompany && !forHousehold;
      }
      // A name for other ages than the one asked ("dưới 14 tuổi" for "con 15 tuổi") gives way.
      var ages = agesOf(folded);
      var otherAge = age >= 0 && ages.length > 0 && ages.every(function (r) { return age < r[0] || age > r[1]; });
      var minorsOnly = age < 0 && !child && ages.length > 0 && ages.every(function (r) { return r[1] < 18; });
      by[d] = scores[d] - (row[6] && !organisation ? ORGANISATIONS : 0) - VARIANT * unasked - SPECIAL * rarest -
        SPECIAL_FIRST * rarestFirst - (other ? OTHER_BUSINESS : 0) - (otherAge ? OTHER_AGE : 0) -
        (minorsOnly ? MINORS_ONLY : 0);
    });
    head.sort(function (a, b) { return by[b] - by[a] || a - b; });
  }

  function filtering() {
    return filter.field !== '' || filter.level !== '' || filter.unit !== '' || filter.online;
  }

  function passes(d) {
    if (!facets || !filtering()) return true;
    if (filter.field !== '' && facets.field[d] !== +filter.field) return false;
    if (filter.level !== '' && facets.level[d] !== +filter.level) return false;
    if (filter.online && facets.online[d] === 0) return false;
    if (filter.unit !== '' && facets.groups[facets.group[d]].indexOf(+filter.unit) < 0) return false;
    return true;
  }

  // A shard, its everyday phrases read into `everyday` while the query that asked is current.
  function shard(key) {
    var id = generation;
    return load(shardFile(key), parseShard).then(function (terms) {
      if (id === generation) terms.phrases.forEach(function (p) { everyday[p[0]] = p[1]; });
      return terms;
    });
  }

  function loadShards(p) {
    var phrases = Promise.all(p.phraseKeys.map(shard));
    return Promise.all(p.steps.map(function (step) {
      return Promise.all(step.keys.map(shard));
    })).then(function (shards) { return phrases.then(function () { return shards; }); });
  }

  // The query's plan and its shards. The shards of the words typed bring the everyday phrases
  // that start with them; when one is in the query, its official wordings' shards follow.
  function planned(query, finished, fixes) {
    var p = plan(query, finished, fixes);
    return loadShards(p).then(function (shards) {
      var again = plan(query, finished, fixes);
      // The same words to read (their shards already here), perhaps grouped otherwise.
      if (wanted(again) === wanted(p)) return { p: again, shards: shards };
      return loadShards(again).then(function (more) { return { p: again, shards: more }; });
    }).then(function (got) {
      return fixes ? got : mended(query, finished, got);
    });
  }

  // A typed word that no procedure holds is taken for a slip of the keyboard ("ho chie",
  // "ngân hàg", "nghoe") or of the ear ("chường" for "trường"). The list of every indexed word,
  // read only then, gives the words one slip or one sound away; the one that most often stands
  // next to the words typed around it, or makes an everyday phrase with them (else the
  // commonest), replaces it, and the query is read again, everyday phrases and all. So is a
  // real word that stands next to neither neighbour in any name while a word spelt as it
  // sounds elsewhere does ("nàm sổ đỏ" for "làm sổ đỏ", "xổ đỏ" for "sổ đỏ"). A word of the
  // everyday list that no name here holds ("tuổi" on a small site) is real, not a slip of "thôi":
  // it is read otherwise only to make an everyday phrase, or as spelt by ear.
  function mended(query, finished, got) {
    var spelt = spelled(query), typed = spelt.map(function (w) { return w.fold; }), slips = [], known = {};
    // A filler is meant as typed ("nữa" is not "ngựa").
    spelt.forEach(function (w, at) { if (isFiller(w)) known[at] = true; });
    // A word of an everyday phrase ("heo" in "nuôi heo") is meant as typed.
    segments(typed, cutsOf(spelt), spelt).forEach(function (seg) {
      if (seg.wordings) for (var k = seg.at; k < seg.at + seg.n; k++) known[k] = true;
    });
    var terms = termsOf(got.shards), heard = [];
    // The words that stand next to neither neighbour in any name, one of them indexed.
    var lonely = typed.map(function (w, at) { return !known[at] && Array.from(w).length >= 3 && alone(terms, typed, at); });
    got.p.steps.forEach(function (step) {
      var at = typed.indexOf(step.word);
      if (at < 0 || known[at] || Array.from(step.word).length < 3) return;
      var found = terms[step.word] || (step.prefix && Object.keys(terms).some(function (t) { return t.lastIndexOf(step.word, 0) === 0; }));
      if (!found) slips.push(at);
      // A word still being typed may be the start of another.
      else if (!(step.prefix && at === typed.length - 1 && !finished) && lonely[at] && byEar(spelt[at].word).length) heard.push(at);
    });
    var fixes = strays(typed, lonely, terms);
    heard = heard.filter(function (at) { return !fixes[at]; });
    if ((!slips.length && !heard.length) || !manifest.words) return Object.keys(fixes).length ? again(query, finished, spelt, fixes) : got;
    return load(manifest.words, function (buffer) {
      var lines = utf8.decode(buffer).split('\n'), all = lines[0].split(' ');
      all.index = Object.create(null);
      all.real = Object.create(null);
      all.forEach(function (w) { all.index[w] = true; });
      // The words a slip may stand for: every indexed word, then every word only the
      // everyday list holds.
      all.near = all.slice();
      (lines[1] || '').split(' ').forEach(function (w) {
        if (!all.real[fold(w)]) all.near.push(fold(w));
        all.real[fold(w)] = all.real[fold(w) + '~' + marks(w)] = true;
      });
      return all;
    }).then(function (all) {
      var near = {}, ear = {}, keys = [], index = all.index, halves = {};
      var need = function (k) { if (keys.indexOf(k) < 0) keys.push(k); };
      // Two words run together ("tachthua", "dangky"): each way to cut it into two indexed words,
      // or one indexed and one only the everyday list holds ("doicccd"), (letters only: "2019" is
      // no "20 19").
      var known = function (w) { return index[w] || all.real[w]; };
      slips.forEach(function (at) {
        var letters = Array.from(typed[at]);
        halves[at] = [];
        if (letters.length < RUN_TOGETHER || !/^\p{L}+$/u.test(typed[at])) return;
        for (var i = 2; i <= letters.length - 2; i++) {
          var a = letters.slice(0, i).join(''), b = letters.slice(i).join('');
          if ((index[a] || index[b]) && known(a) && known(b)) {
            halves[at].push([a, b, i]);
            shardsFor(a, true).concat(shardsFor(b, true)).forEach(need);
            phraseShards([a, b]).forEach(function (run) { need(run.key); });
          }
        }
      });
      slips.concat(heard).forEach(function (at) {
        // Spelt by ear, as the words indexed: "làm" for "nàm", its diacritics kept.
        ear[at] = Object.create(null);
        byEar(spelt[at].word).forEach(function (w) { if (index[fold(w)]) ear[at][fold(w)] = w; });
        // Typed with the keyboard's Vietnamese input off ("ddawng kys", "da9ng ky1"): the word
        // it was meant to be, when an indexed word, is the only one taken.
        var meant = untelex(typed[at]);
        near[at] = heard.indexOf(at) >= 0 ? Object.keys(ear[at]) : meant !== typed[at] && index[meant] ? [meant] :
          all.near.filter(function (term) { return oneSlip(typed[at], term) && !ear[at][term]; }).concat(Object.keys(ear[at]));
        near[at].concat(typed[at - 1] || [], typed[at + 1] || []).forEach(function (w) { shardsFor(w, true).forEach(need); });
        // The shards of the everyday phrases each would make with its neighbours.
        near[at].forEach(function (w) {
          phraseShards(typed.slice(Math.max(0, at - 1), at).concat(w, typed.slice(at + 1, at + 2))).forEach(function (run) { need(run.key); });
        });
      });
      return Promise.all(keys.map(shard)).then(function (loaded) {
        var terms = termsOf([loaded]), any = Object.keys(fixes).length > 0;
        // … cut where its two words stand side by side in most names, if in STRAY or more, or
        // make an everyday phrase ("banglai"): the query is read again with the space put in.
        // Not a word one slip from an indexed one ("troung" is "truong", not "tro ung").
        var cut = null, most = STRAY - 1;
        slips.forEach(function (at) {
          if (near[at].some(function (w) { return terms[w]; })) return;
          halves[at].forEach(function (h) {
            var n = besides(terms[h[0]], terms[h[1]]) + (everyday[h[0] + ' ' + h[1]] ? STRAY : 0);
            if (n > most) { most = n; cut = { at: at, i: h[2] }; }
          });
        });
        if (cut) {
          var word = spelt[cut.at].word, parts = [Array.from(word).slice(0, cut.i).join(''), Array.from(word).slice(cut.i).join('')];
          var split = query.normalize('NFC').toLowerCase().replace(word, parts.join(' '));
          return planned(split, finished).then(function (got) {
            got.p.fixed = [[word, parts.join(' ')]].concat(got.p.fixed || []);
            return got;
          });
        }
        slips.concat(heard).forEach(function (at) {
          // A word of the everyday list that no name here holds is a real word too ("tuổi").
          var best = null, bestScore = -1, said = spelt[at].marks, lacking = all.real[typed[at] + (said ? '~' + said : '')];
          var real = heard.indexOf(at) >= 0 || lacking;
          near[at].forEach(function (w) {
            var t = terms[w], heardAs = ear[at][w];
            // A slip of a word only the everyday list holds ("bhyc", "cmmd"): taken when it is
            // an everyday word or phrase with its neighbours, and no indexed word is near. Not a
            // word of three letters, too short to tell ("dip" is no "idp").
            if (!t && !real && all.real[w] && Array.from(typed[at]).length >= 4 && (everyday[w] || phrased(typed, at, w))) {
              if (SAID_SLIP > bestScore) { best = w; bestScore = SAID_SLIP; }
              return;
            }
            // Spelt by ear with diacritics, the word must be so spelt in some name ("rơi" is no "đổi").
            if (!t || (heardAs && said && t.spellings.length && fitting(t, marks(heardAs)).indexOf(true) < 0)) return;
            // A real word is read otherwise only to make an everyday phrase ("xổ đỏ": "sổ đỏ"), or,
            // if no name here holds it, as spelt by ear ("giường lúa": "ruộng lúa"); a slip as the
            // word spelt by ear that makes one, else the word most often beside its neighbours,
            // else the commonest.
            var phrase = phrased(typed, at, w), beside = besides(terms[typed[at - 1]], t) + besides(t, terms[typed[at + 1]]);
            if (real && !phrase && !(lacking && heardAs)) return;
            var score = (heardAs && phrase ? 1000 : Math.min(beside, 999)) * 100000 + t.sets[0].length;
            if (score > bestScore) {
              best = heardAs && said ? heardAs : w;
              bestScore = score;
            }
          });
          if (best) { fixes[at] = best; any = true; }
        });
        return any ? again(query, finished, spelt, fixes) : got;
      });
    }, function () { return got; });
  }

  // The words a typed word (lowercase) may be, written by ear as a region says it: initial
  // l/n, s/x, ch/tr, d/gi/r; final n/ng, t/c. Its vowels and tone stay; not "đ", which no
  // region says otherwise.
  function byEar(word) {
    var out = [], m;
    EAR_FIRST.forEach(function (pair) {
      if (word.lastIndexOf(pair[0], 0) !== 0 || (pair[0] === 'n' && /^n[gh]/.test(word))) return;
      // "gi" before a vowel is an initial of its own: "giấy", not "gìn".
      if (pair[0] === 'gi' && !/[aeiouy]/.test(fold(word.charAt(2)))) return;
      out.push(pair[1] + word.slice(pair[0].length));
    });
    if ((m = /^(.*[^bcdđghklmnpqrstvx])(ng|n|t|c)$/.exec(word))) out.push(m[1] + { ng: 'n', n: 'ng', t: 'c', c: 't' }[m[2]]);
    return out;
  }
  var EAR_FIRST = [['ch', 'tr'], ['tr', 'ch'], ['l', 'n'], ['n', 'l'], ['s', 'x'], ['x', 's'], ['gi', 'd'],
    ['d', 'gi'], ['d', 'r'], ['r', 'd'], ['r', 'gi']];

  // Whether the word at `at`, read as `w`, makes an everyday phrase with the words around it.
  function phrased(typed, at, w) {
    var list = typed.slice(0, at).concat(w, typed.slice(at + 1));
    for (var n = 2; n <= longest; n++) {
      for (var s = Math.max(0, at - n + 1); s <= at && s + n <= list.length; s++) {
        if (everyday[list.slice(s, s + n).join(' ')]) return true;
      }
    }
    return false;
  }

  // Whether the typed word at `at` is indexed and stands next to neither neighbour in any
  // name, though one of them is indexed too.
  function alone(terms, typed, at) {
    var t = terms[typed[at]], before = terms[typed[at - 1]], after = terms[typed[at + 1]];
    return !!t && !!(before || after) && !(besides(before, t) + besides(t, after));
  }

  // Every term of the shards read, by term.
  function termsOf(shards) {
    var terms = Object.create(null);
    shards.forEach(function (list) {
      list.forEach(function (shard) { shard.forEach(function (t) { terms[t.term] = t; }); });
    });
    return terms;
  }

  // The query read again with its slips mended, saying what was read.
  function again(query, finished, spelt, fixes) {
    return planned(query, finished, fixes).then(function (fixed) {
      fixed.p.fixed = Object.keys(fixes).map(function (at) { return [spelt[at].word, fixes[at]]; });
      return fixed;
    });
  }

  // A slip that leaves a real word ("kinh doan" for "kinh doanh"): a typed word that stands
  // next to neither neighbour in any name, while the word with one letter put back, found in
  // the same shards, stands next to them in several, is read as that word.
  function strays(typed, lonely, terms) {
    var fixes = {};
    typed.forEach(function (word, at) {
      if (!lonely[at]) return;
      var before = terms[typed[at - 1]], after = terms[typed[at + 1]], best = null, most = STRAY - 1;
      Object.keys(terms).forEach(function (term) {
        if (term.length !== word.length + 1 || !oneSlip(word, term)) return;
        var near = besides(before, terms[term]) + besides(terms[term], after);
        if (near > most) { best = term; most = near; }
      });
      if (best) fixes[at] = best;
    });
    return fixes;
  }

  // In how many names `b` stands right after `a` (both terms of a shard, or missing).
  function besides(a, b) {
    if (!a || !b) return 0;
    var where = {}, n = 0, i;
    for (i = 0; i < a.sets[0].length; i++) where[a.sets[0][i]] = i;
    for (i = 0; i < b.sets[0].length; i++) {
      var k = where[b.sets[0][i]];
      if (k === undefined) continue;
      var lo = a.positions[k], hi = a.positions2[k];
      if (((lo << 1) & b.positions[i]) || (shiftedHigh(lo, hi) & b.positions2[i])) n++;
    }
    return n;
  }

  function wanted(p) {
    return p.steps.map(function (step) { return step.key + ':' + step.keys.join(','); }).join(' ') + ' ' + p.phraseKeys.join(',');
  }

  // Nothing close: each word of four letters or more shortened by two and taken by prefix
  // ("khaisinh" → "khaisi…"), every word counting.
  function relax(query) {
    return words(query).map(function (w) {
      return w.length >= 4 ? Array.from(w).slice(0, Math.max(3, Array.from(w).length - 2)).join('') : w;
    });
  }

  function search(finished) {
    var id = ++generation;
    var query = input.value;
    everyday = Object.create(null);
    remember();
    if (!words(query).length) return show([], '', id, query);
    var p;
    loadManifest()
      .then(function () {
        var needs = [planned(query, finished), load(manifest.lengths, parseLengths)];
        if (filtering()) needs.push(loadFacets());
        return Promise.all(needs);
      })
      .then(function (loaded) {
        if (id !== generation) return;
        p = loaded[0].p;
        if (p.waiting) return show([], 'Gõ thêm chữ để tìm.', id, query);
        shown = PAGE;
        var started = performance.now();
        var shards = loaded[0].shards;
        shards.lengths = loaded[1];
        var results = rank(p, shards, false);
        results.asTyped = bestAsTyped(results, p, shards);
        // The partial matches after the results wait behind "Xem thêm": the first page is the
        // results; a full page when none matches closely (the status line says so).
        if (results.close && !results.weak) shown = Math.min(PAGE, results.close);
        panel.setAttribute('data-ms', Math.round(performance.now() - started));
        if (results.length) return show(results, null, id, query, p);
        // Nothing close: the nearest words, then the most-used procedures.
        var near = plan(relax(query).map(function (w) { return w; }).join(' ') + ' ', false);
        near.steps.forEach(function (step) {
          step.prefix = true;
          step.keys = shardsFor(step.word, false).slice(0, 3);
        });
        return loadShards(near).then(function (more) {
          if (id !== generation) return;
          more.lengths = shards.lengths;
          var nearest = rank(near, more, true).slice(0, PAGE);
          var popular = (manifest.popular || []).filter(function (d) { return nearest.indexOf(d) < 0 && passes(d); });
          var text = 'Không có thủ tục nào khớp với “' + query.trim() + '”' + (filtering() ? ' và bộ lọc đã chọn' : '') + '. ';
          if (nearest.length) text += 'Đây là các thủ tục gần giống nhất' + (popular.length ? ', rồi các thủ tục được làm nhiều nhất' : '') + '.';
          else if (popular.length) text += 'Đây là các thủ tục được làm nhiều nhất.';
          else text += 'Hãy thử từ khác, hoặc xem danh mục thủ tục bên dưới.';
          shown = PAGE + popular.length;
          show(nearest.concat(popular), text, id, query);
        });
      })
      .catch(function () {
        if (id === generation) show([], 'Chưa tải được dữ liệu tìm kiếm. Hãy thử lại, hoặc xem danh mục thủ tục bên dưới.', id, query);
      });
  }

  // Results panel: filters, a polite status line, the listbox and a "more" button.
  var panel = document.createElement('div');
  panel.className = 'search-results';
  panel.innerHTML =
    '<details class="search-filters"><summary>Lọc kết quả</summary><div class="filter-grid">' +
    '<label>Lĩnh vực <select data-filter="field"><option value="">Tất cả lĩnh vực</option></select></label>' +
    '<label>Cấp thực hiện <select data-filter="level"><option value="">Tất cả các cấp</option></select></label>' +
    '<label>Cơ quan thực hiện <select data-filter="unit"><option value="">Tất cả cơ quan</option></select></label>' +
    '<label class="check"><input type="checkbox" data-filter="online"> Làm được trực tuyến</label>' +
    '</div></details>' +
    '<p class="search-status" role="status"></p>' +
    '<ul class="search-list" id="q-ket-qua" role="listbox" aria-label="Kết quả tìm kiếm" hidden></ul>' +
    '<button type="button" class="search-more" hidden>Xem thêm kết quả</button>';
  form.parentNode.insertBefore(panel, form.nextSibling);
  var details = panel.querySelector('details');
  var status = panel.querySelector('.search-status');
  var list = panel.querySelector('ul');
  var more = panel.querySelector('.search-more');
  var selects = {};
  Array.prototype.forEach.call(panel.querySelectorAll('[data-filter]'), function (el) {
    selects[el.getAttribute('data-filter')] = el;
  });

  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-controls', list.id);
  input.setAttribute('aria-expanded', 'false');

  function option(select, value, label) {
    var o = document.createElement('option');
    o.value = value;
    o.textContent = label;
    select.appendChild(o);
  }

  function loadFacets() {
    return loadManifest()
      .then(function () { return load(manifest.facets, parseFacets); })
      .then(function (f) {
        if (!facets) {
          facets = f;
          f.fields.forEach(function (name, i) { option(selects.field, i, name); });
          f.levels.forEach(function (name, i) { option(selects.level, i, name); });
          f.units.forEach(function (name, i) { option(selects.unit, i, name); });
          selects.field.value = filter.field;
          selects.level.value = filter.level;
          selects.unit.value = filter.unit;
        }
        return f;
      });
  }

  // One formatter for every count: toLocaleString builds a new one each call.
  var NUMBER = new Intl.NumberFormat('vi-VN');
  function number(n) {
    return NUMBER.format(n);
  }

  function show(results, message, id, query, p) {
    found = results;
    setActive(-1);
    list.textContent = '';
    var want = found.slice(0, shown);
    var chunks = {};
    var rowOf = function (d) { return chunks[Math.floor(d / manifest.store_chunk)][d % manifest.store_chunk]; };
    var other = p && results.asTyped;
    want.concat(other === undefined ? [] : [other]).forEach(function (d) { chunks[Math.floor(d / manifest.store_chunk)] = true; });
    Promise.all(Object.keys(chunks).map(function (c) {
      return load('store-' + c + '.' + manifest.hash + '.json', 'json').then(function (rows) { chunks[c] = rows; });
    })).then(function () {
      if (id !== generation) return;
      if (p && results.scores) {
        plainFirst(want, results.scores, rowOf, p);
        // The name the words typed meet best (bestAsTyped, past this full page) takes the
        // place of the last name that repeats one above it, else the last place.
        var rest = found.slice(want.length);
        if (other !== undefined) {
          var names = want.map(function (d) { return rowOf(d)[0]; }), last = want.length - 1;
          while (last > 0 && names.indexOf(names[last]) === last) last--;
          rest = [want.splice(last || want.length - 1, 1)[0]].concat(rest.filter(function (d) { return d !== other; }));
          want.push(other);
        }
        found.length = 0;
        Array.prototype.push.apply(found, want.concat(rest));
      }
      want.forEach(function (d) {
        var row = rowOf(d);
        var li = document.createElement('li');
        li.id = 'q-kq-' + d;
        li.setAttribute('role', 'option');
        li.setAttribute('aria-selected', 'false');
        li.setAttribute('data-url', manifest.url_prefix + row[1] + '/');
        var name = document.createElement('span');
        name.className = 'r-name';
        name.textContent = row[0];
        var meta = document.createElement('span');
        meta.className = 'r-meta';
        meta.textContent = row[2] + ' · ' + row[3] + ' · ' + row[4];
        li.appendChild(name);
        li.appendChild(meta);
        list.appendChild(li);
      });
      expand(found.length > 0);
      more.hidden = found.length <= shown;
      if (message === null) {
        var close = found.close === undefined ? found.length : found.close, nearer = found.length - close;
        message = found.length
          ? (found.weak || !close ? 'Không có thủ tục nào khớp hẳn với “' + query.trim() + '”. Có ' + number(found.length) + ' thủ tục khớp một phần' :
            'Có ' + number(close) + ' kết quả' + (nearer ? ' và ' + number(nearer) + ' thủ tục khớp một phần' : '')) +
            (found.length > shown ? ', đang hiện ' + number(Math.min(shown, found.length)) : '') + '.'
          : 'Không có kết quả nào' + (filtering() ? ' với bộ lọc đã chọn' : '') + '. Hãy thử từ khác, hoặc xem danh mục thủ tục bên dưới.';
        // A mended slip is said, so a word read otherwise than meant can be typed again.
        var fixed = p && p.fixed;
        if (fixed && found.length) message += ' Đã đọc ' + fixed.map(function (f) { return '“' + f[0] + '” là “' + f[1] + '”'; }).join(', ') + '.';
      }
      if (status.textContent !== message) status.textContent = message;
      if (query !== undefined) panel.setAttribute('data-query', query);
    }).catch(function () {
      if (id === generation) status.textContent = 'Chưa tải được kết quả. Hãy thử lại.';
    });
  }

  function expand(open) {
    list.hidden = !open;
    input.setAttribute('aria-expanded', open ? 'true' : 'false');
    if (!open) setActive(-1);
  }

  function setActive(i) {
    var items = list.children;
    if (items[active]) {
      items[active].setAttribute('aria-selected', 'false');
      items[active].classList.remove('active');
    }
    active = i;
    if (items[i]) {
      items[i].setAttribute('aria-selected', 'true');
      items[i].classList.add('active');
      input.setAttribute('aria-activedescendant', items[i].id);
      if (items[i].scrollIntoView) items[i].scrollIntoView({ block: 'nearest' });
    } else {
      input.removeAttribute('aria-activedescendant');
    }
  }

  // The query and filters in the address, so a search can be shared.
  function remember() {
    if (!window.history || !history.replaceState) return;
    var params = new URLSearchParams();
    if (input.value.trim()) params.set('q', input.value.trim());
    if (filter.field !== '' && facets) params.set('linh-vuc', facets.fields[filter.field]);
    if (filter.level !== '') params.set('cap', filter.level);
    if (filter.unit !== '' && facets) params.set('don-vi', facets.units[filter.unit]);
    if (filter.online) params.set('truc-tuyen', '1');
    var query = params.toString();
    history.replaceState(history.state, '', location.pathname + (query ? '?' + query : '') + location.hash);
  }

  input.addEventListener('focus', function () { loadManifest().catch(function () {}); });
  input.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(function () { search(false); }, 120);
  });
  input.addEventListener('keydown', function (e) {
    var count = list.children.length;
    if (e.key === 'ArrowDown' && count) {
      e.preventDefault();
      expand(true);
      setActive(active < count - 1 ? active + 1 : active);
    } else if (e.key === 'ArrowUp' && count) {
      e.preventDefault();
      setActive(active > 0 ? active - 1 : -1);
    } else if (e.key === 'Enter') {
      if (active >= 0 && list.children[active] && !list.hidden) {
        e.preventDefault();
        location.href = list.children[active].getAttribute('data-url');
      } else if (onListPage) {
        e.preventDefault();
        clearTimeout(timer);
        search(true);
      }
    } else if (e.key === 'Escape') {
      if (!list.hidden) {
        e.preventDefault();
        expand(false);
      } else if (input.value) {
        e.preventDefault();
        input.value = '';
        search(false);
      }
    }
  });
  list.addEventListener('click', function (e) {
    var li = e.target.closest('[role="option"]');
    if (li) location.href = li.getAttribute('data-url');
  });
  more.addEventListener('click', function () {
    shown += PAGE;
    show(found, null, generation, input.value);
  });
  details.addEventListener('toggle', function () {
    if (details.open) loadFacets().catch(function () {});
  });
  panel.addEventListener('change', function (e) {
    var key = e.target.getAttribute('data-filter');
    if (!key) return;
    filter[key] = key === 'online' ? e.target.checked : e.target.value;
    search(true);
  });
  if (onListPage) {
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      search(true);
    });
  }

  // A shared address: /thu-tuc/?q=dang+ky&linh-vuc=Hộ+tịch runs that search on load.
  var params = new URLSearchParams(location.search);
  if (params.get('q')) input.value = params.get('q');
  filter.level = /^\d$/.test(params.get('cap') || '') ? params.get('cap') : '';
  filter.online = params.get('truc-tuyen') === '1';
  var wantField = params.get('linh-vuc');
  var wantUnit = params.get('don-vi');
  var start = Promise.resolve();
  if (wantField || wantUnit || filter.level || filter.online) {
    details.open = true;
    start = loadFacets().then(function (f) {
      var field = f.fields.indexOf(wantField || '');
      var unit = f.units.indexOf(wantUnit || '');
      filter.field = field >= 0 ? String(field) : '';
      filter.unit = unit >= 0 ? String(unit) : '';
      selects.field.value = filter.field;
      selects.unit.value = filter.unit;
      selects.level.value = filter.level;
      selects.online.checked = filter.online;
    });
  }
  if (input.value) start.then(function () { search(true); }, function () { search(true); });
})();
