/**
 * The console page: pick who you are (or a new member, to try /join), talk in the demo group or privately to the bot,
 * and watch replies and pushes arrive live, with pictures, buttons and file links as the platforms show them. On a
 * phone one pane at a time under tabs (群聊/私聊/成员); every pane scrolls inside itself and follows the newest message. Plain HTML and a little script, served by the bot itself, so it works offline with no build step.
 * `nonce` is the Content-Security-Policy nonce of this response: only the page's own style and script run.
 */
export function consolePage(nonce: string): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>案场 Anchang · 控制台</title>
<style nonce="${nonce}">
  :root { font-family: system-ui, "PingFang SC", "Microsoft YaHei", sans-serif; color: #1f2328; }
  * { box-sizing: border-box; }
  html, body { margin: 0; height: 100%; overflow: hidden; }
  /* Desktop: people | group | direct side by side; every pane scrolls inside itself, the page never grows. */
  body { display: grid; grid-template-columns: 240px minmax(0, 1fr) minmax(0, 1fr); grid-template-rows: 100%; height: 100dvh; }
  #tabs { display: none; }
  aside, section { min-width: 0; min-height: 0; }
  aside { border-right: 1px solid #d0d7de; padding: 12px; overflow: auto; background: #f6f8fa; }
  section { display: flex; flex-direction: column; border-right: 1px solid #d0d7de; overflow: hidden; }
  h1 { font-size: 16px; margin: 0 0 8px; } h2 { font-size: 14px; margin: 0; padding: 10px 12px; border-bottom: 1px solid #d0d7de; }
  .persona { display: block; width: 100%; text-align: left; margin: 4px 0; padding: 6px 8px; border: 1px solid #d0d7de;
    border-radius: 6px; background: #fff; cursor: pointer; font: inherit; }
  .persona.active { border-color: #0969da; background: #ddf4ff; }
  .persona small { color: #57606a; }
  .log { flex: 1; min-height: 0; overflow-y: auto; overflow-x: hidden; padding: 12px; overscroll-behavior: contain; }
  .msg { margin: 6px 0; }
  .msg .who { font-size: 12px; color: #57606a; }
  .msg .bubble { display: inline-block; padding: 6px 10px; border-radius: 8px; background: #f6f8fa; max-width: 95%;
    white-space: pre-wrap; overflow-wrap: anywhere; }
  .msg.bot .bubble { background: #dafbe1; }
  .bubble img { display: block; max-width: 100%; height: auto; margin-top: 6px; border-radius: 4px; }
  .bubble .acts { display: flex; gap: 6px; margin-top: 6px; }
  .bubble .acts button { padding: 6px 14px; font: inherit; border-radius: 6px; border: 1px solid #0969da; background: #fff; color: #0969da; cursor: pointer; }
  .bubble .acts button:disabled { opacity: .5; cursor: default; }
  .bubble a.file { display: inline-block; margin-top: 6px; color: #0969da; }
  form { display: flex; gap: 6px; padding: 8px; border-top: 1px solid #d0d7de; background: #fff; flex: none; }
  input[type=text] { flex: 1; min-width: 0; padding: 8px; font: inherit; font-size: 16px; border: 1px solid #d0d7de; border-radius: 6px; }
  button.send, #demo, #newcomer { padding: 8px 12px; font: inherit; border-radius: 6px; border: 1px solid #1f883d; background: #1f883d; color: #fff; cursor: pointer; }
  #demo, #newcomer { width: 100%; margin-top: 12px; background: #fff; color: #1f883d; }
  p.hint { font-size: 12px; color: #57606a; }
  /* Phone: one pane at a time under tabs; the pane fills the screen, its input stays at the bottom. */
  @media (max-width: 820px) {
    body { display: flex; flex-direction: column; }
    #tabs { display: flex; flex: none; border-bottom: 1px solid #d0d7de; background: #f6f8fa; }
    #tabs button { flex: 1; padding: 12px 0; font: inherit; border: 0; border-bottom: 3px solid transparent; background: none; cursor: pointer; }
    #tabs button.active { border-bottom-color: #0969da; color: #0969da; font-weight: 600; }
    aside, section { display: none; flex: 1; border-right: 0; }
    body[data-pane=people] aside { display: block; }
    body[data-pane=group] #group-pane, body[data-pane=direct] #direct-pane { display: flex; }
    .msg .bubble { display: block; max-width: 100%; }
  }
</style>
</head>
<body data-pane="group">
<nav id="tabs">
  <button type="button" data-pane="group" class="active">群聊</button>
  <button type="button" data-pane="direct">私聊</button>
  <button type="button" data-pane="people">成员</button>
</nav>
<aside>
  <h1>案场 Anchang 控制台</h1>
  <p class="hint">选择你的身份，在“演示群”里发命令（例如 签到、报备 张三 13812345678），或私聊机器人。发送“帮助”查看可用命令。</p>
  <div id="personas"></div>
  <button id="newcomer" type="button">新成员</button>
  <p class="hint">“新成员”是一个还没绑定的聊天账号：管理员私聊发送 /staff add 姓名 角色 得到加入码，新成员私聊发送 /join 加入码。</p>
  <button id="demo" type="button" hidden>一键创建演示数据</button>
  <p class="hint" id="status"></p>
</aside>
<section id="group-pane">
  <h2>演示群（所有人可见，手机号打码）</h2>
  <div class="log" id="group"></div>
  <form id="group-form"><input type="text" id="group-input" placeholder="在群里发言…" autocomplete="off" enterkeyhint="send"><button class="send" type="submit">发送</button></form>
</section>
<section id="direct-pane">
  <h2 id="direct-title">私聊机器人</h2>
  <div class="log" id="direct"></div>
  <form id="direct-form"><input type="text" id="direct-input" placeholder="私聊机器人…" autocomplete="off" enterkeyhint="send"><button class="send" type="submit">发送</button></form>
</section>
<script nonce="${nonce}">
const state = { me: { userId: 'admin', name: '管理员', role: 'admin' }, events: [], newcomers: [] };
const $ = (id) => document.getElementById(id);
const roleName = { admin: '管理员', manager: '现场经理', secretary: '案场秘书', agent: '分销销售', newcomer: '未加入' };

function showPane(pane) {
  document.body.dataset.pane = pane;
  for (const b of document.querySelectorAll('#tabs button')) b.classList.toggle('active', b.dataset.pane === pane);
  if (pane !== 'people') follow($(pane));
}
for (const b of document.querySelectorAll('#tabs button')) b.onclick = () => showPane(b.dataset.pane);
const phone = () => window.matchMedia('(max-width: 820px)').matches;

async function loadPersonas() {
  const list = await (await fetch('console/personas')).json();
  const bound = new Set(list.map((p) => p.userId));
  // A newcomer who has joined is listed by the server now, under the name given by /staff add.
  state.newcomers = state.newcomers.filter((p) => !bound.has(p.userId));
  const all = [{ userId: 'admin', name: '管理员', role: 'admin', agency: null }, ...list.filter((p) => p.userId !== 'admin'), ...state.newcomers];
  const mine = all.find((p) => p.userId === state.me.userId);
  if (mine) state.me = mine;
  $('personas').innerHTML = '';
  for (const p of all) {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'persona' + (p.userId === state.me.userId ? ' active' : '');
    b.dataset.userId = p.userId;
    b.innerHTML = '<b></b><br><small></small>';
    b.querySelector('b').textContent = p.name;
    b.querySelector('small').textContent = (roleName[p.role] || p.role) + (p.agency ? ' · ' + p.agency : '');
    b.onclick = () => { state.me = p; loadPersonas(); render(); if (phone()) showPane(p.role === 'newcomer' ? 'direct' : 'group'); };
    $('personas').appendChild(b);
  }
  $('direct-title').textContent = '私聊机器人（' + state.me.name + '）';
}

$('newcomer').onclick = () => {
  const n = state.newcomers.length + 1;
  const id = 'new-' + Math.random().toString(36).slice(2, 10);
  const p = { userId: id, name: '新成员' + n, role: 'newcomer', agency: null };
  state.newcomers.push(p);
  state.me = p;
  loadPersonas();
  render();
  if (phone()) showPane('direct');
};

function bubble(e) {
  const div = document.createElement('div');
  div.className = 'msg' + (e.from === 'bot' ? ' bot' : '');
  const who = document.createElement('div');
  who.className = 'who';
  who.textContent = (e.from === 'bot' ? '案场机器人' : e.from.name) + ' · ' + new Date(e.at).toLocaleTimeString();
  const text = document.createElement('div');
  text.className = 'bubble';
  text.textContent = e.text;
  if (e.image) {
    const img = document.createElement('img');
    img.src = e.image;
    img.alt = '销控图';
    img.onload = () => follow(div.parentElement);
    text.appendChild(img);
  }
  if (e.file) {
    const a = document.createElement('a');
    a.className = 'file';
    a.href = e.file.link;
    a.download = e.file.name;
    a.textContent = '⬇ ' + e.file.name;
    text.appendChild(document.createElement('br'));
    text.appendChild(a);
  }
  if (e.buttons && e.buttons.length) {
    const acts = document.createElement('div');
    acts.className = 'acts';
    for (const btn of e.buttons) {
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = btn.label;
      // A press sends the button's command as the person looking at the page, in the chat it was shown in.
      b.onclick = () => { for (const x of acts.querySelectorAll('button')) x.disabled = true; post(e.chat.kind, btn.command); };
      acts.appendChild(b);
    }
    text.appendChild(acts);
  }
  div.append(who, text);
  return div;
}

/** Keeps the newest message in view. */
function follow(log) { if (log) log.scrollTop = log.scrollHeight; }

function paneOf(e) {
  if (e.chat.kind === 'group') return $('group');
  return e.chat.id === state.me.userId ? $('direct') : null;
}

function render() {
  for (const pane of ['group', 'direct']) $(pane).innerHTML = '';
  for (const e of state.events) paneOf(e)?.appendChild(bubble(e));
  for (const pane of ['group', 'direct']) follow($(pane));
}

async function post(chat, text) {
  const res = await fetch('console/send', { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ as: state.me.userId, name: state.me.name, chat, text }) });
  if (!res.ok) $('status').textContent = '发送失败：' + res.status;
  if (/^\\/?join\\b/i.test(text)) setTimeout(loadPersonas, 300);
}

function send(chat, input) {
  const text = input.value.trim();
  if (!text) return;
  input.value = '';
  post(chat, text);
}

$('group-form').onsubmit = (ev) => { ev.preventDefault(); send('group', $('group-input')); };
$('direct-form').onsubmit = (ev) => { ev.preventDefault(); send('direct', $('direct-input')); };
$('demo').onclick = async () => {
  $('status').textContent = '正在创建演示数据…';
  const res = await fetch('console/demo', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  $('status').textContent = res.ok ? '演示数据已创建：选择一位销售，在群里发“签到”试试。' : '创建失败：' + ((await res.json().catch(() => null))?.error || res.status);
  $('demo').hidden = true;
  loadPersonas();
};
// The demo button only where a demo may be made: a project with no staff yet and no chat platform.
fetch('console/info').then((r) => r.json()).then((i) => { $('demo').hidden = !i.demo; }).catch(() => {});

const events = new EventSource('console/events');
events.onmessage = (m) => {
  const e = JSON.parse(m.data);
  state.events.push(e);
  const log = paneOf(e);
  if (log) { log.appendChild(bubble(e)); follow(log); }
};
loadPersonas();
</script>
</body>
</html>`
}
