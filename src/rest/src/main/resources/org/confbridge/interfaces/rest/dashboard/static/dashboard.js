// confbridge live dashboard: the client's live conferences from GET /api/ver1.0/client/@me/live, kept
// current by the event stream (GET .../events, read with fetch so the bearer token can be sent), and the
// moderator actions of the live API. No framework; every text is set with textContent.
'use strict';

const API = '/api/ver1.0/client/@me';
const talking = new Set();
let token = sessionStorage.getItem('confbridge.token') || '';
let conferences = [];
let refreshTimer = null;
let streamAbort = null;
let lastEventId = null;

const $ = (id) => document.getElementById(id);

function status(text) {
  $('status').textContent = text;
}

async function api(method, path, body) {
  const response = await fetch(API + path, {
    method,
    headers: Object.assign({ Authorization: 'Bearer ' + token },
      body === undefined ? {} : { 'Content-Type': 'application/json' }),
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 401) {
    throw new Error('the token was refused (401): enter a valid one');
  }
  const text = await response.text();
  if (!response.ok) {
    let message = text;
    try { message = JSON.parse(text).error_description || JSON.parse(text).message || text; } catch (e) { /* text */ }
    throw new Error(method + ' ' + path + ': ' + response.status + ' ' + message);
  }
  return text ? JSON.parse(text) : null;
}

async function refresh() {
  conferences = await api('GET', '/live');
  render();
}

function scheduleRefresh() {
  if (refreshTimer === null) {
    refreshTimer = setTimeout(() => {
      refreshTimer = null;
      refresh().catch((e) => status(e.message));
    }, 100);
  }
}

function button(label, action, title) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = label;
  if (title) { b.setAttribute('aria-label', title); }
  b.addEventListener('click', () => {
    b.disabled = true;
    action().then(scheduleRefresh).catch((e) => status(e.message)).finally(() => { b.disabled = false; });
  });
  return b;
}

function cell(row, text, className) {
  const td = document.createElement('td');
  if (className) { td.className = className; }
  if (text instanceof Node) { td.appendChild(text); } else { td.textContent = text; }
  row.appendChild(td);
  return td;
}

function render() {
  const root = $('conferences');
  root.replaceChildren();
  $('empty').hidden = conferences.length > 0;
  for (const c of conferences) {
    const live = '/live/' + c.extension_id;
    const card = document.createElement('section');
    card.className = 'conference';
    card.dataset.extensionId = c.extension_id;
    const title = document.createElement('h2');
    title.textContent = 'Conference ' + c.number + ' (' + c.participants.length + ' in it)';
    card.appendChild(title);

    const flags = document.createElement('div');
    flags.className = 'flags';
    for (const [label, on] of [['locked', c.locked], ['all muted', c.mute_all],
      ['join notifications', c.join_notifications]]) {
      const s = document.createElement('span');
      s.textContent = label + ': ' + (on ? 'yes' : 'no');
      s.dataset.flag = label;
      flags.appendChild(s);
    }
    card.appendChild(flags);

    const actions = document.createElement('div');
    actions.className = 'actions';
    actions.appendChild(c.locked
      ? button('Unlock', () => api('POST', live + '/unlock', {}), 'unlock conference ' + c.number)
      : button('Lock', () => api('POST', live + '/lock', {}), 'lock conference ' + c.number));
    actions.appendChild(button('Mute all', () => api('POST', live + '/mute_all', {})));
    actions.appendChild(button('Unmute all', () => api('POST', live + '/unmute_all', {})));
    const number = document.createElement('input');
    number.type = 'tel';
    number.placeholder = 'number to invite';
    number.setAttribute('aria-label', 'number to invite into conference ' + c.number);
    actions.appendChild(number);
    actions.appendChild(button('Invite', () => api('POST', live + '/invite', { number: number.value.trim() })));
    card.appendChild(actions);

    const table = document.createElement('table');
    const head = table.createTHead().insertRow();
    for (const h of ['Talking', 'Number', 'Name', 'Role', 'Origin', 'Microphone', '']) {
      const th = document.createElement('th');
      th.textContent = h;
      head.appendChild(th);
    }
    const body = table.createTBody();
    for (const p of c.participants) {
      const row = body.insertRow();
      row.dataset.participantId = p.id;
      row.classList.toggle('talking', talking.has(p.id));
      row.classList.toggle('muted', p.muted);
      const dot = document.createElement('span');
      dot.className = 'talk';
      dot.setAttribute('role', 'img');
      dot.setAttribute('aria-label', talking.has(p.id) ? 'talking' : 'silent');
      cell(row, dot);
      cell(row, p.number || '');
      cell(row, p.name || '');
      cell(row, p.role);
      cell(row, p.origin);
      cell(row, p.muted ? 'muted' : 'open', 'state');
      const who = p.name || p.number || p.id;
      const tools = document.createElement('span');
      tools.appendChild(button(p.muted ? 'Unmute' : 'Mute',
        () => api('PUT', live + '/participant/' + encodeURIComponent(p.id), { muted: !p.muted }),
        (p.muted ? 'unmute ' : 'mute ') + who));
      tools.appendChild(button('Kick', () => api('DELETE', live + '/participant/' + encodeURIComponent(p.id)),
        'remove ' + who));
      cell(row, tools);
    }
    card.appendChild(table);
    root.appendChild(card);
  }
}

function setTalking(participantId, on) {
  if (on) { talking.add(participantId); } else { talking.delete(participantId); }
  for (const row of document.querySelectorAll('tr[data-participant-id]')) {
    if (row.dataset.participantId === participantId) {
      row.classList.toggle('talking', on);
      row.querySelector('.talk').setAttribute('aria-label', on ? 'talking' : 'silent');
    }
  }
}

function onEvent(name, data) {
  if (name === 'participant.talking' || name === 'participant.stopped_talking') {
    setTalking(JSON.parse(data).participant_id, name === 'participant.talking');
    return;
  }
  if (name === 'participant.left') {
    talking.delete(JSON.parse(data).participant_id);
  }
  scheduleRefresh();
}

// Reads text/event-stream from a fetch body: lines, blank line ends an event (WHATWG HTML, server-sent events).
async function stream(signal) {
  const headers = { Authorization: 'Bearer ' + token, Accept: 'text/event-stream' };
  if (lastEventId) { headers['Last-Event-ID'] = lastEventId; }
  const response = await fetch(API + '/events', { headers, signal });
  if (!response.ok) {
    throw new Error('event stream: ' + response.status);
  }
  status('Connected: live.');
  await refresh();
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let name = 'message';
  let data = [];
  for (;;) {
    const { value, done } = await reader.read();
    if (done) { return; }
    buffer += value;
    let end;
    while ((end = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, end).replace(/\r$/, '');
      buffer = buffer.slice(end + 1);
      if (line === '') {
        if (data.length) { onEvent(name, data.join('\n')); }
        name = 'message';
        data = [];
      } else if (line.startsWith('event:')) {
        name = line.slice(6).trim();
      } else if (line.startsWith('data:')) {
        data.push(line.slice(5).trimStart());
      } else if (line.startsWith('id:')) {
        lastEventId = line.slice(3).trim();
      }
    }
  }
}

async function follow() {
  if (streamAbort) { streamAbort.abort(); }
  const abort = new AbortController();
  streamAbort = abort;
  while (!abort.signal.aborted) {
    try {
      await stream(abort.signal);
      status('Connection closed; reconnecting…');
    } catch (e) {
      if (abort.signal.aborted) { return; }
      status(e.message + '; retrying…');
      if (e.message.includes('401')) { return; }
    }
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}

$('login').addEventListener('submit', (event) => {
  event.preventDefault();
  token = $('token').value.trim();
  sessionStorage.setItem('confbridge.token', token);
  status('Connecting…');
  follow();
});

if (token) {
  $('token').value = token;
  follow();
}
