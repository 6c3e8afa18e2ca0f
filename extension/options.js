// Options: the panel's language and the sites where the agent switched Duxin off.
// Everything stays in chrome.storage.local on this machine.
for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = chrome.i18n.getMessage(el.dataset.i18n);

const lang = document.getElementById('lang');
chrome.storage.local.get('lang', (v) => { lang.value = v.lang || ''; });
lang.addEventListener('change', () => chrome.storage.local.set({ lang: lang.value }));

function renderSites() {
  chrome.storage.local.get(null, (all) => {
    const ul = document.getElementById('sites');
    ul.textContent = '';
    const hosts = Object.keys(all).filter((k) => k.startsWith('off:') && all[k]).map((k) => k.slice(4));
    if (!hosts.length) {
      const li = document.createElement('li');
      li.textContent = chrome.i18n.getMessage('opt_none');
      ul.appendChild(li);
    }
    for (const h of hosts) {
      const li = document.createElement('li');
      li.textContent = h + ' ';
      const b = document.createElement('button');
      b.className = 'secondary';
      b.textContent = chrome.i18n.getMessage('opt_enable');
      b.addEventListener('click', () => chrome.storage.local.remove('off:' + h, renderSites));
      li.appendChild(b);
      ul.appendChild(li);
    }
  });
}
renderSites();
