// Entry point: styles and the app.
import { render } from 'solid-js/web'
import { App } from './app.tsx'
import './styles/main.css'
import './styles/map.css'
import './styles/print.css'
import './styles/votes.css'

render(() => <App />, document.getElementById('app')!)
