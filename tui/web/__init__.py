"""`docket web`: the app served to browsers, one app process per browser session.

Built on textual-serve's process protocol (`AppService`, `DownloadManager`) with docket's
own HTTP layer (`server`): every request needs the key, the websocket only opens from the
page's own origin, the page is served whole by docket (`page`), and each session's process
is bounded in number and ended with its tab (`sessions`). The app itself runs with
`docket open --web`: read-only, and nothing typed in the browser names a server's file.
"""
