// Progressive enhancement of the evidence upload form: drag and drop, and a progress bar per
// file. The first file creates the item, each further file is added to it. Without JavaScript
// the form posts normally.
(function () {
  const form = document.querySelector('[data-upload-form]');
  if (!form || !window.FormData || !window.XMLHttpRequest) return;
  const input = form.querySelector('#files');
  const zone = form.querySelector('[data-dropzone]');
  const list = form.querySelector('[data-upload-list]');
  const agency = form.dataset.agency;
  const csrf = form.dataset.csrf;

  function render() {
    list.textContent = '';
    Array.from(input.files).forEach(function (file, i) {
      const li = document.createElement('li');
      li.textContent = file.name + ' (' + Math.ceil(file.size / 1024) + ' KB) ';
      const bar = document.createElement('progress');
      bar.max = 100;
      bar.value = 0;
      bar.id = 'progress-' + i;
      li.appendChild(bar);
      list.appendChild(li);
    });
  }

  ['dragenter', 'dragover'].forEach(function (type) {
    zone.addEventListener(type, function (e) {
      e.preventDefault();
      zone.classList.add('over');
    });
  });
  ['dragleave', 'drop'].forEach(function (type) {
    zone.addEventListener(type, function () {
      zone.classList.remove('over');
    });
  });
  zone.addEventListener('drop', function (e) {
    e.preventDefault();
    input.files = e.dataTransfer.files;
    render();
  });
  input.addEventListener('change', render);

  function send(url, data, bar) {
    return new Promise(function (resolve, reject) {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', url);
      xhr.setRequestHeader('x-csrf-token', csrf);
      xhr.upload.onprogress = function (e) {
        if (e.lengthComputable) bar.value = Math.round((e.loaded / e.total) * 100);
      };
      xhr.onload = function () {
        let body = {};
        try {
          body = JSON.parse(xhr.responseText);
        } catch {
          /* not JSON */
        }
        if (xhr.status >= 200 && xhr.status < 300) {
          bar.value = 100;
          resolve(body);
        } else
          reject(
            new Error(Array.isArray(body.message) ? body.message.join('; ') : body.message || xhr.statusText),
          );
      };
      xhr.onerror = function () {
        reject(new Error('network error'));
      };
      xhr.send(data);
    });
  }

  form.addEventListener('submit', function (e) {
    const link = form.querySelector('#source-link');
    const files = Array.from(input.files);
    // A link (with its snapshot) and an empty file choice post as a plain form: the server answers.
    if ((link && link.checked) || !files.length) return;
    e.preventDefault();
    const meta = new FormData(form);
    meta.delete('files');
    meta.delete('snapshot');
    meta.delete('url');
    meta.delete('capturedAt');
    const first = new FormData();
    meta.forEach(function (v, k) {
      first.append(k, v);
    });
    first.append('files', files[0]);
    const base = '/api/v1/agencies/' + agency + '/evidence';
    send(base, first, document.getElementById('progress-0'))
      .then(function (created) {
        return files
          .slice(1)
          .reduce(function (chain, file, i) {
            return chain.then(function () {
              const more = new FormData();
              more.append('files', file);
              return send(
                base + '/' + created.id + '/files',
                more,
                document.getElementById('progress-' + (i + 1)),
              );
            });
          }, Promise.resolve())
          .then(function () {
            window.location.href = '/agencies/' + agency + '/evidence/' + created.id;
          });
      })
      .catch(function (error) {
        const alert = document.createElement('div');
        alert.className = 'alert error';
        alert.setAttribute('role', 'alert');
        alert.textContent = error.message;
        form.parentNode.insertBefore(alert, form);
      });
  });
})();
