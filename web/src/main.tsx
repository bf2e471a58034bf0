import { render } from 'preact';
import { App } from './app';
import { installLinkHandler } from './router';
import { language, loadSession } from './store';
import './style.css';

document.documentElement.lang = language.get();
installLinkHandler();
void loadSession();
render(<App />, document.getElementById('app')!);

if ('serviceWorker' in navigator) {
  void navigator.serviceWorker.register('/sw.js').catch(() => undefined);
}
