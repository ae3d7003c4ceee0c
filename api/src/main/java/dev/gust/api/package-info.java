/** Placeholder. */ package dev.gust.api;
