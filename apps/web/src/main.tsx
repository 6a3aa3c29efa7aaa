import { render } from 'preact';
import { App } from './app';
import { listenForEmbedderToken, takeTokenFromFragment } from './auth/embedded-token';
import './styles.css';

takeTokenFromFragment();
window.addEventListener('hashchange', takeTokenFromFragment);
listenForEmbedderToken();
render(<App />, document.getElementById('app')!);
