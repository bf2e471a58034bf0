import { render } from 'preact';
import { App } from './app';
import { installLinkHandler } from './router';
import { flushResidentReports } from './pages/Report';
import { language, loadSession } from './store';
import './style.css';

document.documentElement.lang = language.get();
installLinkHandler();
void loadSession();
// A resident's report kept offline is sent when the app opens and when the connection returns.
void flushResidentReports().catch(() => undefined);
window.addEventListener('online', () => void flushResidentReports().catch(() => undefined));
render(<App />, document.getElementById('app')!);

if ('serviceWorker' in navigator) {
  void navigator.serviceWorker.register('/sw.js').catch(() => undefined);
}
