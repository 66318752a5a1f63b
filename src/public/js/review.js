// Keyboard review of evidence items: j / k next / previous item, a accept, r return for revision,
// x reject. A return or rejection needs a reason: when none is chosen yet, r or x moves to the
// reason list; Enter in the list or the reason text then sends. Esc leaves a field. Without
// JavaScript the forms post normally; the server sends the reviewer on to the next item.
(function () {
  const items = Array.from(document.querySelectorAll('[data-review-item]'));
  if (!items.length) return;
  const pending = new WeakMap();
  let current = 0;

  function focusItem(i, stay) {
    if (i < 0 || i >= items.length) return;
    current = i;
    items.forEach(function (el, k) {
      el.classList.toggle('current', k === i);
    });
    items[i].focus({ preventScroll: Boolean(stay) });
    if (!stay) items[i].scrollIntoView({ block: 'start' });
  }

  function act(key) {
    const form = items[current].querySelector('[data-decision-form]');
    if (!form) return;
    const button = form.querySelector('[data-key="' + key + '"]');
    if (key === 'a') {
      form.requestSubmit(button);
      return;
    }
    const reason = form.querySelector('[data-reason]');
    const text = form.querySelector('[data-reason-text]');
    if (reason.value || text.value.trim()) {
      form.requestSubmit(button);
      return;
    }
    pending.set(form, button);
    reason.focus();
  }

  function onField(e) {
    const field = e.target;
    if (e.key === 'Escape') {
      field.blur();
      items[current].focus();
      return;
    }
    const form = field.form;
    if (
      e.key !== 'Enter' ||
      field.tagName === 'TEXTAREA' ||
      !form ||
      !form.hasAttribute('data-decision-form')
    )
      return;
    e.preventDefault();
    if (pending.has(form)) form.requestSubmit(pending.get(form));
  }

  items.forEach(function (el, i) {
    el.addEventListener('focusin', function () {
      current = i;
    });
  });

  document.addEventListener('keydown', function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const tag = e.target && e.target.tagName;
    if (tag === 'INPUT' || tag === 'SELECT' || tag === 'TEXTAREA') {
      onField(e);
      return;
    }
    if (e.key === 'j') focusItem(Math.min(current + 1, items.length - 1));
    else if (e.key === 'k') focusItem(Math.max(current - 1, 0));
    else if (e.key === 'a' || e.key === 'r' || e.key === 'x') act(e.key);
    else return;
    e.preventDefault();
  });

  // Start at the item named in the address (the next one after a decision), else the first open
  // one; only a named item scrolls, so a fresh page keeps the validation forms above in view.
  const named = items.findIndex(function (el) {
    return '#' + el.id === window.location.hash;
  });
  const open = items.findIndex(function (el) {
    return el.dataset.status === 'submitted';
  });
  // After a refused decision the refused field keeps the focus the page gave it.
  const refused = items.findIndex(function (el) {
    return el.querySelector('[aria-invalid="true"]');
  });
  if (refused >= 0) {
    focusItem(refused, true);
    items[refused].querySelector('[aria-invalid="true"]').focus();
  } else if (named >= 0) focusItem(named);
  else focusItem(open >= 0 ? open : 0, true);

  // Chromium's PDF viewer takes the focus when a lazily loaded preview finishes loading, which
  // would swallow the next shortcut. Unless the person clicked into the preview, the focus goes
  // back to the item they were on.
  let pointerAt = 0;
  let lastFocus = null;
  document.addEventListener('pointerdown', function () {
    pointerAt = Date.now();
  });
  document.addEventListener('focusin', function (e) {
    if (e.target && e.target.tagName !== 'IFRAME') lastFocus = e.target;
  });
  window.addEventListener('blur', function () {
    window.setTimeout(function () {
      const active = document.activeElement;
      if (active && active.tagName === 'IFRAME' && Date.now() - pointerAt > 1000) {
        (lastFocus || items[current]).focus({ preventScroll: true });
      }
    }, 0);
  });
})();
