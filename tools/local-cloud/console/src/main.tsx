/** Entry point of the page bundle. */
import { render } from 'preact';
import { App } from './app';
import './styles.css';

const root = document.getElementById('app');
if (root) {
  // The shell's "Loading…" line goes; the app takes the element over.
  root.textContent = '';
  render(<App />, root);
}
