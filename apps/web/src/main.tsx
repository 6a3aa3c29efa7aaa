import { render } from 'preact';
import { App } from './app';
import { listenForEmbedderToken, takeTokenFromFragment } from './auth/embedded-token';
import './styles.css';

takeTokenFromFragment();
listenForEmbedderToken();
render(<App />, document.getElementById('app')!);
