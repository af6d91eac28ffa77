#!/bin/sh
curl -s "https://api.openweathermap.org/data/2.5/weather?q=Berlin&appid=${OWM_KEY}&units=metric"
curl -s "https://api.openweathermap.org/data/2.5/forecast?q=Berlin&appid=YOUR_API_KEY"
curl -s "https://news.example.com/list?page=2&sort=new&lang=en"
