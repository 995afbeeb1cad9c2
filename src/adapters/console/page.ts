/**
 * The console page: pick who you are, talk in the demo group or privately to the bot, and watch replies and pushes
 * arrive live. Plain HTML and a little script, served by the bot itself, so it works offline with no build step.
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
  body { margin: 0; display: grid; grid-template-columns: 240px 1fr 1fr; height: 100vh; }
  aside { border-right: 1px solid #d0d7de; padding: 12px; overflow: auto; background: #f6f8fa; }
  section { display: flex; flex-direction: column; border-right: 1px solid #d0d7de; min-width: 0; }
  h1 { font-size: 16px; margin: 0 0 8px; } h2 { font-size: 14px; margin: 0; padding: 10px 12px; border-bottom: 1px solid #d0d7de; }
  .persona { display: block; width: 100%; text-align: left; margin: 4px 0; padding: 6px 8px; border: 1px solid #d0d7de;
    border-radius: 6px; background: #fff; cursor: pointer; font: inherit; }
  .persona.active { border-color: #0969da; background: #ddf4ff; }
  .persona small { color: #57606a; }
  .log { flex: 1; overflow: auto; padding: 12px; }
  .msg { margin: 6px 0; white-space: pre-wrap; word-break: break-word; }
  .msg .who { font-size: 12px; color: #57606a; }
  .msg .bubble { display: inline-block; padding: 6px 10px; border-radius: 8px; background: #f6f8fa; max-width: 95%; }
  .msg.bot .bubble { background: #dafbe1; }
  form { display: flex; gap: 6px; padding: 8px; border-top: 1px solid #d0d7de; }
  input[type=text] { flex: 1; padding: 8px; font: inherit; border: 1px solid #d0d7de; border-radius: 6px; }
  button.send, #demo { padding: 8px 12px; font: inherit; border-radius: 6px; border: 1px solid #1f883d; background: #1f883d; color: #fff; cursor: pointer; }
  #demo { width: 100%; margin-top: 12px; background: #fff; color: #1f883d; }
  p.hint { font-size: 12px; color: #57606a; }
</style>
</head>
<body>
<aside>
  <h1>案场 Anchang 控制台</h1>
  <p class="hint">选择你的身份，在“演示群”里发命令（例如 签到、报备 张三 13812345678），或私聊机器人。发送“帮助”查看可用命令。</p>
  <div id="personas"></div>
  <button id="demo" type="button" hidden>一键创建演示数据</button>
  <p class="hint" id="status"></p>
</aside>
<section>
  <h2>演示群（所有人可见，手机号打码）</h2>
  <div class="log" id="group"></div>
  <form id="group-form"><input type="text" id="group-input" placeholder="在群里发言…" autocomplete="off"><button class="send" type="submit">发送</button></form>
</section>
<section>
  <h2 id="direct-title">私聊机器人</h2>
  <div class="log" id="direct"></div>
  <form id="direct-form"><input type="text" id="direct-input" placeholder="私聊机器人…" autocomplete="off"><button class="send" type="submit">发送</button></form>
</section>
<script nonce="${nonce}">
const state = { me: { userId: 'admin', name: '管理员', role: 'admin' }, events: [] };
const $ = (id) => document.getElementById(id);
const roleName = { admin: '管理员', manager: '现场经理', secretary: '案场秘书', agent: '分销销售' };

async function loadPersonas() {
  const list = await (await fetch('console/personas')).json();
  const all = [{ userId: 'admin', name: '管理员', role: 'admin', agency: null }, ...list.filter((p) => p.userId !== 'admin')];
  $('personas').innerHTML = '';
  for (const p of all) {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'persona' + (p.userId === state.me.userId ? ' active' : '');
    b.dataset.userId = p.userId;
    b.innerHTML = '<b></b><br><small></small>';
    b.querySelector('b').textContent = p.name;
    b.querySelector('small').textContent = (roleName[p.role] || p.role) + (p.agency ? ' · ' + p.agency : '');
    b.onclick = () => { state.me = p; loadPersonas(); render(); };
    $('personas').appendChild(b);
  }
  $('direct-title').textContent = '私聊机器人（' + state.me.name + '）';
}

function bubble(e) {
  const div = document.createElement('div');
  div.className = 'msg' + (e.from === 'bot' ? ' bot' : '');
  const who = document.createElement('div');
  who.className = 'who';
  who.textContent = (e.from === 'bot' ? '案场机器人' : e.from.name) + ' · ' + new Date(e.at).toLocaleTimeString();
  const text = document.createElement('div');
  text.className = 'bubble';
  text.textContent = e.text;
  div.append(who, text);
  return div;
}

function render() {
  for (const pane of ['group', 'direct']) $(pane).innerHTML = '';
  for (const e of state.events) {
    if (e.chat.kind === 'group') $('group').appendChild(bubble(e));
    else if (e.chat.id === state.me.userId) $('direct').appendChild(bubble(e));
  }
  for (const pane of ['group', 'direct']) $(pane).scrollTop = $(pane).scrollHeight;
}

async function send(chat, input) {
  const text = input.value.trim();
  if (!text) return;
  input.value = '';
  const res = await fetch('console/send', { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ as: state.me.userId, name: state.me.name, chat, text }) });
  if (!res.ok) $('status').textContent = '发送失败：' + res.status;
  if (/^\\/?join\\b/i.test(text)) setTimeout(loadPersonas, 300);
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
  if (e.chat.kind === 'group') $('group').appendChild(bubble(e));
  else if (e.chat.id === state.me.userId) $('direct').appendChild(bubble(e));
  for (const pane of ['group', 'direct']) $(pane).scrollTop = $(pane).scrollHeight;
};
loadPersonas();
</script>
</body>
</html>`
}
