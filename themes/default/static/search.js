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

  // The same folding as text::fold in Rust: marks dropped, lowercase, đ → d.
  function fold(text) {
    return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/đ/g, 'd');
  }

  function words(text) {
    return fold(text)
      .split(/[^\p{Alphabetic}\p{N}]+/u)
      .filter(Boolean)
      .map(function (w) { return Array.from(w).slice(0, 24).join(''); });
  }

  // Each file is fetched once; a failure is forgotten so the next query tries again.
  function load(name, parse) {
    if (!files[name]) {
      files[name] = fetch(base + name)
        .then(function (r) {
          if (!r.ok) throw new Error(name + ': HTTP ' + r.status);
          return parse === 'json' ? r.json() : r.arrayBuffer().then(parse);
        })
        .catch(function (e) { delete files[name]; throw e; });
    }
    return files[name];
  }

  function loadManifest() {
    return load(manifestUrl.slice(base.length), 'json').then(function (m) {
      manifest = m;
      m.keys = m.shards.split(' ');
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

  // A shard: terms, each with five document sets (name, keywords, field, papers/result; the
  // names the term starts).
  function parseShard(buffer) {
    var r = new Reader(buffer), terms = [], count = r.varint();
    for (var t = 0; t < count; t++) {
      var term = r.text(), sets = [];
      for (var s = 0; s < 5; s++) {
        var head = r.varint(), docs = [], j, d = 0;
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
      terms.push({ term: term, sets: sets });
    }
    return terms;
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
    var f = { units: [], groups: [] };
    for (i = 0, n = r.varint(); i < n; i++) f.units.push(r.text());
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
      return word.lastIndexOf(k, 0) === 0 || (!whole && k.lastIndexOf(word, 0) === 0);
    });
    if (whole) {
      keys.sort(function (a, b) { return b.length - a.length; });
      return keys.slice(0, 1);
    }
    return keys;
  }

  // What to look up: every word by prefix; a word too short to pick a few shards is taken
  // whole, or skipped while it is the last one being typed.
  function plan(query, finished) {
    var list = words(query), steps = [];
    list.forEach(function (word, i) {
      var keys = shardsFor(word, false);
      if (keys.length <= 3) return steps.push({ word: word, whole: false, keys: keys });
      if (i < list.length - 1 || finished) return steps.push({ word: word, whole: true, keys: shardsFor(word, true) });
    });
    return { steps: steps, waiting: list.length > 0 && steps.length === 0 };
  }

  function rank(steps, shards) {
    var n = manifest.documents, total = new Float32Array(n), hits = new Uint8Array(n), d;
    steps.forEach(function (step, i) {
      var best = new Float32Array(n);
      shards[i].forEach(function (terms) {
        terms.forEach(function (t) {
          if (step.whole ? t.term !== step.word : t.term.lastIndexOf(step.word, 0) !== 0) return;
          var whole = t.term === step.word ? manifest.whole_word : 1;
          manifest.weights.forEach(function (weight, s) {
            var docs = t.sets[s], score = weight * whole;
            for (var k = 0; k < docs.length; k++) if (best[docs[k]] < score) best[docs[k]] = score;
          });
          if (i === 0) t.sets[4].forEach(function (doc) { total[doc] += manifest.name_start; });
        });
      });
      for (d = 0; d < n; d++) {
        if (best[d] > 0) {
          total[d] += best[d];
          hits[d]++;
        }
      }
    });
    var out = [];
    for (d = 0; d < n; d++) if (hits[d] === steps.length && passes(d)) out.push(d);
    out.sort(function (a, b) { return total[b] - total[a] || a - b; });
    return out;
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

  function search(finished) {
    var id = ++generation;
    var query = input.value;
    remember();
    if (!words(query).length) return show([], '', id);
    var p;
    loadManifest()
      .then(function () {
        p = plan(query, finished);
        var needs = [Promise.all(p.steps.map(function (step) {
          return Promise.all(step.keys.map(function (k) { return load(shardFile(k), parseShard); }));
        }))];
        if (filtering()) needs.push(loadFacets());
        return Promise.all(needs);
      })
      .then(function (loaded) {
        if (id !== generation) return;
        if (p.waiting) return show([], 'Gõ thêm chữ để tìm.', id);
        shown = PAGE;
        show(rank(p.steps, loaded[0]), null, id);
      })
      .catch(function () {
        if (id === generation) show([], 'Chưa tải được dữ liệu tìm kiếm. Hãy thử lại, hoặc xem danh mục thủ tục bên dưới.', id);
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
          manifest.fields.forEach(function (name, i) { option(selects.field, i, name); });
          manifest.levels.forEach(function (name, i) { option(selects.level, i, name); });
          f.units.forEach(function (name, i) { option(selects.unit, i, name); });
          selects.field.value = filter.field;
          selects.level.value = filter.level;
          selects.unit.value = filter.unit;
        }
        return f;
      });
  }

  function number(n) {
    return n.toLocaleString('vi-VN');
  }

  function show(results, message, id) {
    found = results;
    setActive(-1);
    list.textContent = '';
    var want = found.slice(0, shown);
    var chunks = {};
    want.forEach(function (d) { chunks[Math.floor(d / manifest.store_chunk)] = true; });
    Promise.all(Object.keys(chunks).map(function (c) {
      return load('store-' + c + '.' + manifest.hash + '.json', 'json').then(function (rows) { chunks[c] = rows; });
    })).then(function () {
      if (id !== generation) return;
      want.forEach(function (d) {
        var row = chunks[Math.floor(d / manifest.store_chunk)][d % manifest.store_chunk];
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
        message = found.length
          ? 'Có ' + number(found.length) + ' kết quả' + (found.length > shown ? ', đang hiện ' + number(Math.min(shown, found.length)) : '') + '.'
          : 'Không có kết quả nào' + (filtering() ? ' với bộ lọc đã chọn' : '') + '. Hãy thử từ khác, hoặc xem danh mục thủ tục bên dưới.';
      }
      if (status.textContent !== message) status.textContent = message;
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
    if (filter.field !== '' && manifest) params.set('linh-vuc', manifest.fields[filter.field]);
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
    show(found, null, generation);
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
      var field = manifest.fields.indexOf(wantField || '');
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
