/** What `sdpscope/node` resolves to outside Node.js: it reads files and stdin, which a browser cannot. */
throw new Error('sdpscope/node needs Node.js (it reads files and standard input). In a browser, import "sdpscope" instead.');
