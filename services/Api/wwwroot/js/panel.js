// Loading, empty, error and ready states shared by every panel.
import { h, clear } from './dom.js';

export class Panel {
  constructor(id) {
    this.root = document.getElementById(id);
    this.body = this.root.querySelector('.panel-body');
    this.note = this.root.querySelector('[data-role="note"]');
  }

  /** Keeps the current content visible but dimmed while new data loads. */
  loading() {
    this.root.dataset.state = 'loading';
    this.root.setAttribute('aria-busy', 'true');
    this.removeMessage();
  }

  ready() {
    this.root.dataset.state = 'ready';
    this.root.removeAttribute('aria-busy');
    this.removeMessage();
  }

  empty(text) {
    this.root.dataset.state = 'empty';
    this.root.removeAttribute('aria-busy');
    this.showMessage(h('div', { class: 'panel-message empty' }, h('span', { class: 'message-icon', 'aria-hidden': 'true' }, '∅'), h('p', {}, text)));
  }

  error(error, retry) {
    this.root.dataset.state = 'error';
    this.root.removeAttribute('aria-busy');
    this.showMessage(h('div', { class: 'panel-message error', role: 'alert' },
      h('span', { class: 'message-icon', 'aria-hidden': 'true' }, '!'),
      h('p', {}, error?.message ?? String(error)),
      retry ? h('button', { type: 'button', class: 'button ghost small', onclick: retry }, 'Try again') : null));
  }

  setNote(text) {
    if (this.note) this.note.textContent = text ?? '';
  }

  showMessage(message) {
    this.removeMessage();
    this.body.append(message);
  }

  removeMessage() {
    this.body.querySelector(':scope > .panel-message')?.remove();
  }

  /** The element panels without a chart render into. */
  content() {
    return this.root.querySelector('[data-role="content"]');
  }

  replaceContent(...nodes) {
    clear(this.content()).append(...nodes);
  }
}
