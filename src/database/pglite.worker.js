'use strict';
/*
 * Runs PGlite and its Postgres wire-protocol socket server on a worker thread, so that the
 * database's WebAssembly work does not block the HTTP event loop, and so that the database
 * dies with the process (a worker thread cannot outlive it).
 * Plain JavaScript because worker threads load files without the TypeScript toolchain.
 */
const { parentPort, workerData } = require('node:worker_threads');
const { PGlite } = require('@electric-sql/pglite');
const { PGLiteSocketServer } = require('@electric-sql/pglite-socket');

let db;
let server;

async function start() {
  db = await PGlite.create(workerData.dataDir);
  server = new PGLiteSocketServer({
    db,
    host: '127.0.0.1',
    port: workerData.port,
    maxConnections: workerData.maxConnections,
  });
  server.addEventListener('listening', (event) => {
    parentPort.postMessage({ type: 'ready', port: event.detail.port });
  });
  await server.start();
}

async function stop() {
  try {
    if (server) await server.stop();
    if (db) await db.close();
    parentPort.postMessage({ type: 'stopped' });
  } catch (error) {
    parentPort.postMessage({ type: 'error', message: String(error && error.stack ? error.stack : error) });
  }
}

parentPort.on('message', (message) => {
  if (message && message.type === 'stop') void stop();
});

start().catch((error) => {
  parentPort.postMessage({ type: 'error', message: String(error && error.stack ? error.stack : error) });
});
