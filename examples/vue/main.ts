// A Vue 3 support page with Volley: the elements are custom elements to Vue's compiler (see
// vite.config.ts), the client goes in as a property, and their events land in Vue's own state.
import { createApp } from 'vue';
import 'volley-chat/elements/chat.js';
import App from './App.vue';
import { connect } from '../shared/world.js';

createApp(App, await connect()).mount('#app');
