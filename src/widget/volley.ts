/**
 * dist/volley.js: a classic script (no `type="module"` needed) that installs `window.Volley`
 * and loads the elements as ES modules from dist/volley/, resolved against its own address.
 */
import { install } from './loader.js';

install(document.currentScript as HTMLScriptElement | null, (url) => import(url));
