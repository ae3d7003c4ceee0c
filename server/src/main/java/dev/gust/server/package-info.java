/** Placeholder. */ package dev.gust.server;
