// The little script of the claims desk: upload a file as soon as it is chosen (so that its columns can be
// offered and a bad file is refused at once), start the run, follow it, and go on to its page when done.
(function () {
  const token = document.querySelector('#antiforgery input[name="__RequestVerificationToken"]')?.value ?? '';

  async function call(url, options) {
    const response = await fetch(url, { ...options, headers: { RequestVerificationToken: token, ...(options.headers ?? {}) } });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      throw new Error(body.detail ?? body.title ?? `The desk answered ${response.status}.`);
    }
    return body;
  }

  function fill(select, columns) {
    select.replaceChildren(...columns.map(column => new Option(column, column)));
    const guesses = (select.dataset.guess ?? '').split(' ');
    const guessed = columns.find(column => guesses.includes(column.toLowerCase()));
    if (guessed) select.value = guessed;
  }

  for (const form of document.querySelectorAll('form.run')) {
    const error = form.querySelector('.error');
    const columns = form.querySelector('.columns');
    const progress = form.querySelector('.progress');
    const bar = progress.querySelector('progress');
    const status = progress.querySelector('.status');
    let uploadId = null;
    let jobId = null;

    const showError = message => { error.textContent = message; error.hidden = false; };

    form.querySelector('input[type=file]').addEventListener('change', async event => {
      error.hidden = true;
      columns.hidden = true;
      const file = event.target.files[0];
      if (!file) return;
      const data = new FormData();
      data.append('file', file);
      status.textContent = 'Uploading…';
      progress.hidden = false;
      try {
        const upload = await call('/desk/uploads', { method: 'POST', body: data });
        uploadId = upload.id;
        form.querySelectorAll('select').forEach(select => fill(select, upload.columns));
        columns.hidden = false;
      } catch (e) {
        showError(e.message);
      } finally {
        progress.hidden = true;
      }
    });

    form.addEventListener('submit', async event => {
      event.preventDefault();
      error.hidden = true;
      const request = { uploadId, textColumn: form.querySelector('[name=textColumn]')?.value, labelColumn: form.querySelector('[name=labelColumn]')?.value };
      try {
        const started = await call(form.dataset.start, { method: 'POST', body: JSON.stringify(request), headers: { 'Content-Type': 'application/json' } });
        jobId = started.jobId;
        columns.disabled = true;
        progress.hidden = false;
        follow(started.next);
      } catch (e) {
        showError(e.message);
      }
    });

    progress.querySelector('.cancel').addEventListener('click', () => {
      if (jobId) call(`/desk/jobs/${jobId}/cancel`, { method: 'POST' }).catch(e => showError(e.message));
    });

    async function follow(next) {
      try {
        const job = await call(`/desk/jobs/${jobId}`, { method: 'GET' });
        bar.value = job.fraction;
        status.textContent = job.status;
        if (job.state === 'Running') {
          setTimeout(() => follow(next), 400);
        } else if (job.state === 'Completed') {
          location.href = next;
        } else {
          columns.disabled = false;
          progress.hidden = job.state === 'Failed';
          if (job.error) showError(job.error);
        }
      } catch (e) {
        showError(e.message);
      }
    }
  }
})();
